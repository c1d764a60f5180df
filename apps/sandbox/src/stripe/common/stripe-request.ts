import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { parseStripeQuery, StripeParams } from './form-params';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-looking id: prefix + 24 random base62 characters (`cus_`, `in_`, `ii_`, `evt_`...). */
export function newStripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % 62];
  return `${prefix}_${s}`;
}

interface StripeRequestState {
  stripeRequestId?: string;
  stripeParams?: StripeParams;
}

/** Stripe's `Request-Id` of this request (`req_...`), the same on every read. */
export function requestIdOf(request: FastifyRequest): string {
  const state = request as unknown as StripeRequestState;
  state.stripeRequestId ??= newStripeId('req', 14);
  return state.stripeRequestId;
}

/**
 * The request's parameters as Stripe reads them: the query string (GET, DELETE) or the form body
 * (POST), brackets resolved into objects and arrays.
 */
export function paramsOf(request: FastifyRequest): StripeParams {
  const state = request as unknown as StripeRequestState;
  if (!state.stripeParams) {
    const body = request.body;
    const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? (body as StripeParams) : {};
    state.stripeParams = { ...parseStripeQuery(request.url), ...fromBody };
  }
  return state.stripeParams;
}
