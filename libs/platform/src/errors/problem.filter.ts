import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Logger as PinoInstance } from 'pino';
import { Correlation } from '../correlation/correlation';
import { requestCorrelation, requestError } from '../http-server/request-context';
import { APP_PINO } from '../logging/logging.constants';
import { FieldError, PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemError, problemTypeUri } from './problem-error';

interface FastifyLikeError extends Error {
  code?: string;
  statusCode?: number;
}

/** Fastify-level client errors (raised before Nest sees the request) mapped to problem types. */
const FASTIFY_PROBLEMS: Record<string, { type: string; title: string; detail?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    type: 'payload-too-large',
    title: 'Content Too Large',
    detail: 'The request body is larger than the limit',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { type: 'unsupported-media-type', title: 'Unsupported Media Type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    type: 'malformed-json',
    title: 'Malformed JSON',
    detail: "Body cannot be empty when content-type is set to 'application/json'",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    type: 'bad-request',
    title: 'Bad Request',
    detail: 'Request body size did not match Content-Length',
  },
};

function isFastifyClientError(e: Error): boolean {
  const f = e as FastifyLikeError;
  return (
    typeof f.statusCode === 'number' &&
    f.statusCode >= 400 &&
    f.statusCode < 500 &&
    (e instanceof SyntaxError || (f.code ?? '').startsWith('FST_'))
  );
}

/** The problem body for any error, and whether it was expected (4xx/ProblemError) or not. */
export function toProblem(error: unknown): { problem: ProblemDetails; expected: boolean } {
  if (error instanceof ProblemError) return { problem: error.toProblem(), expected: true };
  if (error instanceof HttpException) return { problem: fromHttpException(error), expected: true };
  const e = error as FastifyLikeError;
  if (e && typeof e === 'object' && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return {
        problem: {
          type: problemTypeUri('malformed-json'),
          title: 'Malformed JSON',
          status: 400,
          detail: `The request body is not valid JSON: ${e.message}`,
        },
        expected: true,
      };
    }
    if (typeof e.code === 'string' && e.code.startsWith('FST_')) {
      const known = FASTIFY_PROBLEMS[e.code];
      const detail = known?.detail ?? e.message;
      return {
        problem: {
          type: problemTypeUri(known?.type ?? 'about:blank'),
          title: known?.title ?? STATUS_CODES[e.statusCode] ?? 'Error',
          status: e.statusCode,
          detail,
        },
        expected: true,
      };
    }
  }
  return { problem: { type: 'about:blank', title: 'Internal Server Error', status: 500 }, expected: false };
}

function fromHttpException(e: HttpException): ProblemDetails {
  const status = e.getStatus();
  const res = e.getResponse();
  const problem: ProblemDetails = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status };
  if (typeof res === 'string') {
    problem.detail = res;
  } else if (res && typeof res === 'object') {
    const r = res as { message?: unknown; error?: unknown };
    if (Array.isArray(r.message)) {
      const errors: FieldError[] = r.message.map((m) => ({ field: String(m).split(' ')[0] ?? '', message: String(m) }));
      problem.errors = errors;
      problem.detail = errors.map((x) => x.message).join('; ');
    } else if (typeof r.message === 'string') {
      problem.detail = r.message;
    }
  }
  if (status >= 500 && status !== 503 && status !== 504 && status !== 502) delete problem.detail;
  return problem;
}

interface ReplyLike {
  sent?: boolean;
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(payload: string): unknown;
  raw?: { headersSent?: boolean };
}

/**
 * The one global exception filter: every error becomes application/problem+json (RFC 9457) with the
 * request path as `instance` and the correlation id. Unknown errors give a bare 500 and an error log
 * with the stack; nothing about them leaks to the caller.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(APP_PINO) private readonly log: PinoInstance) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<{ url?: string; method?: string; raw?: { url?: string } }>();
    const reply = http.getResponse<ReplyLike>();
    const original = requestError(request);
    const { problem, expected } = toProblem(
      error instanceof HttpException && original && isFastifyClientError(original) ? original : error,
    );
    const path = (request.raw?.url ?? request.url ?? '').split('?')[0];
    const ctx = requestCorrelation(request) ?? Correlation.current();
    problem.instance = path;
    if (ctx) problem.correlationId = ctx.correlationId;

    if (!expected) {
      this.log.error(
        { err: error, method: request.method, url: path, correlationId: ctx?.correlationId },
        'unhandled error',
      );
    } else if (problem.status >= 500) {
      this.log.warn(
        {
          err: error,
          status: problem.status,
          dependency: problem.dependency,
          url: path,
          correlationId: ctx?.correlationId,
        },
        `${problem.title}: ${problem.detail ?? ''}`,
      );
    } else {
      this.log.debug(
        { status: problem.status, type: problem.type, url: path, correlationId: ctx?.correlationId },
        problem.detail ?? problem.title,
      );
    }

    if (reply.sent || reply.raw?.headersSent) return;
    if (typeof reply.status !== 'function') {
      // A raw ServerResponse (error raised in a middleware).
      const raw = reply as unknown as import('node:http').ServerResponse;
      raw.statusCode = problem.status;
      raw.setHeader('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
      if (ctx) raw.setHeader('x-correlation-id', ctx.correlationId);
      raw.end(JSON.stringify(problem));
      return;
    }
    reply.status(problem.status).header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    void reply.send(JSON.stringify(problem));
  }
}
