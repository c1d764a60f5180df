import { PROBLEM_CONTENT_TYPE, problemTypeUri } from '@app/platform';

/** `..` (raw or percent-encoded), encoded slashes or backslashes, NUL: a path that tries to climb. */
const TRAVERSAL = /(?:^|\/|%2f|\\|%5c)(?:\.|%2e){2}(?:$|\/|%2f|\\|%5c|\?)|%2f|%5c|\\|%00/i;
/** CR or LF, raw or percent-encoded, anywhere in the target: an attempt to inject headers upstream. */
const CRLF = /%0d|%0a|\r|\n/i;

export interface GuardRefusal {
  status: number;
  type: string;
  title: string;
  detail: string;
}

/** The request line's checks, before anything else runs (nothing is forwarded on a refusal). */
export function checkRequestTarget(url: string): GuardRefusal | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (TRAVERSAL.test(path)) {
    return {
      status: 400,
      type: 'path-traversal',
      title: 'Bad Request',
      detail: 'The request path may not contain "..", encoded slashes, backslashes or NUL',
    };
  }
  if (CRLF.test(url)) {
    return {
      status: 400,
      type: 'header-injection',
      title: 'Bad Request',
      detail: 'The request target may not contain CR or LF',
    };
  }
  return undefined;
}

/** Total size of the request head's header names and values (raw, as received). */
export function headerBytes(rawHeaders: string[]): number {
  let n = 0;
  for (let i = 0; i < rawHeaders.length; i++) n += rawHeaders[i].length + 2;
  return n;
}

/** A refusal's problem+json body. */
export function refusalBody(r: GuardRefusal, instance: string, correlationId?: string): string {
  return JSON.stringify({
    type: problemTypeUri(r.type),
    title: r.title,
    status: r.status,
    detail: r.detail,
    instance,
    ...(correlationId ? { correlationId } : {}),
  });
}

export { PROBLEM_CONTENT_TYPE };
