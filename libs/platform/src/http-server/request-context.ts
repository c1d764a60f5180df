import type { CorrelationContext } from '../correlation/correlation';

const CORRELATION = Symbol.for('ps-gateway.correlation');

/** The correlation context the platform attached to a Fastify request (or its raw IncomingMessage). */
export function requestCorrelation(request: unknown): CorrelationContext | undefined {
  if (!request || typeof request !== 'object') return undefined;
  const r = request as Record<symbol, CorrelationContext | undefined> & {
    raw?: Record<symbol, CorrelationContext | undefined>;
  };
  return r[CORRELATION] ?? r.raw?.[CORRELATION];
}

export function setRequestCorrelation(request: object, ctx: CorrelationContext): void {
  (request as Record<symbol, CorrelationContext>)[CORRELATION] = ctx;
  const raw = (request as { raw?: object }).raw;
  if (raw) (raw as Record<symbol, CorrelationContext>)[CORRELATION] = ctx;
}

const ORIGINAL_ERROR = Symbol.for('ps-gateway.original-error');

/** The error Fastify raised for this request (before Nest wrapped it), if any. */
export function requestError(request: unknown): Error | undefined {
  if (!request || typeof request !== 'object') return undefined;
  return (request as Record<symbol, Error | undefined>)[ORIGINAL_ERROR];
}

export function setRequestError(request: object, error: Error): void {
  (request as Record<symbol, Error>)[ORIGINAL_ERROR] = error;
}
