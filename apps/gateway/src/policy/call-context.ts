import type { FastifyRequest } from 'fastify';
import type { RouteOperation } from '../contracts/route-table';
import type { ConsumerIdentity } from '../identity/identity';

/** What the policy chain learnt about one call, read by the audit when the response is sent. */
export interface CallContext {
  consumer: ConsumerIdentity | null;
  operation: RouteOperation | null;
  /** Why the gateway answered itself (the problem type), null when the upstream answered. */
  reason: string | null;
  /** Bytes of the response body streamed to the client (when not known from Content-Length). */
  bytesOut: number;
}

const CONTEXT = Symbol('gateway.callContext');
type WithContext = FastifyRequest & { [CONTEXT]?: CallContext };

export function callContext(req: FastifyRequest): CallContext {
  const r = req as WithContext;
  return (r[CONTEXT] ??= { consumer: null, operation: null, reason: null, bytesOut: -1 });
}

export function peekCallContext(req: FastifyRequest): CallContext | undefined {
  return (req as WithContext)[CONTEXT];
}
