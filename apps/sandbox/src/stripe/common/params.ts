import type { StripeParam, StripeParams } from './form-params';
import { StripeApiError } from './stripe-api.error';

/** Rejects parameters the endpoint does not know, as Stripe does (`parameter_unknown`). */
export function allowOnly(params: StripeParams, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw StripeApiError.unknownParam(key);
  }
}

export function optString(params: StripeParams, name: string): string | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw StripeApiError.invalid(`Invalid string: ${name}`, name, 'parameter_invalid_string');
  return v;
}

export function reqString(params: StripeParams, name: string): string {
  const v = optString(params, name);
  if (v === undefined || v === '') throw StripeApiError.missingParam(name);
  return v;
}

export function optInt(params: StripeParams, name: string, min?: number, max?: number): number | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw StripeApiError.invalid(
      `Invalid integer: ${typeof v === 'string' ? v : name}`,
      name,
      'parameter_invalid_integer',
    );
  }
  const n = Number(v);
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw StripeApiError.invalid(
      `This value must be ${max === undefined ? `greater than or equal to ${min}` : `between ${min} and ${max}`}.`,
      name,
      'parameter_invalid_integer',
    );
  }
  return n;
}

export function optBool(params: StripeParams, name: string): boolean | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw StripeApiError.invalid(`Invalid boolean: ${typeof v === 'string' ? v : name}`, name);
}

export function optEnum<T extends string>(params: StripeParams, name: string, values: readonly T[]): T | undefined {
  const v = optString(params, name);
  if (v === undefined || v === '') return undefined;
  if (!(values as readonly string[]).includes(v)) {
    throw StripeApiError.invalid(`Invalid ${name}: must be one of ${values.join(', ')}`, name);
  }
  return v as T;
}

/** `metadata[k]=v`: at most 50 keys, keys up to 40 characters, values up to 500; `''` deletes a key. */
export function mergeMetadata(
  current: Record<string, string>,
  params: StripeParams,
  name = 'metadata',
): Record<string, string> {
  const v: StripeParam | undefined = params[name];
  if (v === undefined) return current;
  if (v === '') return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw StripeApiError.invalid(`Invalid hash`, name);
  const out = { ...current };
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string') throw StripeApiError.invalid('Invalid hash', `${name}[${k}]`);
    if (k.length > 40) throw StripeApiError.invalid('Metadata keys can have up to 40 characters.', `${name}[${k}]`);
    if (value.length > 500)
      throw StripeApiError.invalid('Metadata values can have up to 500 characters.', `${name}[${k}]`);
    if (value === '') delete out[k];
    else out[k] = value;
  }
  if (Object.keys(out).length > 50) throw StripeApiError.invalid('Metadata can have up to 50 keys.', name);
  return out;
}

/** `expand[]=customer`: the names to expand (one level). */
export function expandOf(params: StripeParams): string[] {
  const v = params.expand;
  if (v === undefined) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((e) => typeof e !== 'string'))
    throw StripeApiError.invalid('Invalid array', 'expand');
  return v as string[];
}

export function optObject(params: StripeParams, name: string): StripeParams | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw StripeApiError.invalid('Invalid hash', name);
  return v;
}

export function optArray(params: StripeParams, name: string): StripeParam[] | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (!Array.isArray(v)) throw StripeApiError.invalid('Invalid array', name);
  return v;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
