/** A value of a Stripe request parameter tree (form bodies and query strings with brackets). */
export type StripeParam = string | StripeParam[] | { [key: string]: StripeParam };
export type StripeParams = { [key: string]: StripeParam };

/** Raised for a key the bracket syntax cannot hold (`a[b`, or `a=1&a[b]=2`). */
export class FormParamsError extends Error {}

function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const parts = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^\]]*)\]/gy;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) {
    parts.push(m[1]);
    consumed = re.lastIndex;
  }
  if (consumed !== rest.length || parts[0] === '') throw new FormParamsError(`Invalid parameter name: ${key}`);
  return parts;
}

type Node = { [key: string]: Node | string };

function toParam(node: Node | string): StripeParam {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const isArray = keys.length > 0 && keys.every((k) => /^(0|[1-9]\d*)$/.test(k) || k.startsWith('\u0000'));
  if (isArray) {
    return keys
      .map((k) => ({ k, i: k.startsWith('\u0000') ? Number(k.slice(1)) + 1e9 : Number(k) }))
      .sort((a, b) => a.i - b.i)
      .map(({ k }) => toParam(node[k]));
  }
  const out: StripeParams = {};
  for (const k of keys) out[k] = toParam(node[k]);
  return out;
}

/**
 * Parses `application/x-www-form-urlencoded` text the way Stripe reads it: `metadata[k]=v` is an
 * object, `expand[]=a&expand[]=b` and `lines[0][amount]=5` are arrays (what the stripe SDKs send).
 */
export function parseStripeParams(text: string): StripeParams {
  const root: Node = {};
  let appended = 0;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    const path = splitKey(key);
    let node = root;
    for (let i = 0; i < path.length; i++) {
      let segment = path[i];
      if (segment === '' && i > 0) segment = `\u0000${appended++}`;
      const last = i === path.length - 1;
      if (last) {
        if (typeof node[segment] === 'object') throw new FormParamsError(`Invalid parameter: ${key}`);
        node[segment] = value;
      } else {
        const next = node[segment];
        if (typeof next === 'string') throw new FormParamsError(`Invalid parameter: ${key}`);
        node = (node[segment] = next ?? {}) as Node;
      }
    }
  }
  return toParam(root) as StripeParams;
}

/** The params of a query string (the part after `?` of a URL, or the whole URL). */
export function parseStripeQuery(url: string): StripeParams {
  const q = url.indexOf('?');
  return q < 0 ? {} : parseStripeParams(url.slice(q + 1));
}
