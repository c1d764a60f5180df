import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { AsyncContext } from './async-context';
import {
  formatTraceparent,
  newCorrelationIds,
  newSpanId,
  newTraceId,
  parseTraceparent,
  traceIdFrom,
} from './traceparent';

export const CORRELATION_HEADER = 'x-correlation-id';
export const TRACEPARENT_HEADER = 'traceparent';

/** What travels with one unit of work (request, event, job). */
export interface CorrelationContext {
  correlationId: string;
  /** This unit's own W3C traceparent (trace id + this span's id). */
  traceparent?: string;
  /** The trace id and flags of `traceparent`, kept so outgoing calls need not parse it again. */
  traceId?: string;
  traceFlags?: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();
const VALID_CORRELATION_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Correlation id and W3C trace context for the current async flow (AsyncLocalStorage). */
export const Correlation = {
  /** The context of the current request/event, or undefined outside of one. */
  current(): CorrelationContext | undefined {
    return AsyncContext.enabled() ? storage.getStore() : undefined;
  },

  /** Runs fn with ctx as the current context (also for everything fn starts asynchronously). */
  run<T>(ctx: CorrelationContext, fn: () => T): T {
    return AsyncContext.enabled() ? storage.run(ctx, fn) : fn();
  },

  /** A fresh context: new correlation id (a UUID) and a trace id derived from it. */
  create(correlationId?: string): CorrelationContext {
    const id = correlationId && VALID_CORRELATION_ID.test(correlationId) ? correlationId : randomUUID();
    const traceId = traceIdFrom(id) ?? newTraceId();
    return { correlationId: id, traceparent: formatTraceparent(traceId, newSpanId()), traceId, traceFlags: '01' };
  },

  /**
   * The context for an incoming request or message: `X-Correlation-Id` when valid, else the trace id of a
   * valid `traceparent`, else a generated one. The trace id of a valid incoming traceparent is kept, and
   * this unit gets a new span id.
   */
  fromHeaders(headers: Record<string, string | string[] | undefined>): CorrelationContext {
    const raw = headers[CORRELATION_HEADER];
    const given = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    const parent = parseTraceparent(headers[TRACEPARENT_HEADER]);
    let correlationId: string;
    let traceId: string;
    if (given && VALID_CORRELATION_ID.test(given)) {
      correlationId = given;
      traceId = parent?.traceId ?? traceIdFrom(given) ?? newTraceId();
    } else if (parent) {
      correlationId = traceId = parent.traceId;
    } else {
      ({ correlationId, traceId } = newCorrelationIds());
    }
    const traceFlags = parent?.flags ?? '01';
    return { correlationId, traceparent: formatTraceparent(traceId, newSpanId(), traceFlags), traceId, traceFlags };
  },

  /**
   * Headers to put on an outgoing call or message: `x-correlation-id` and a `traceparent` with the current
   * trace id and a new span id. Outside any context a fresh correlation is generated.
   */
  outgoingHeaders(ctx: CorrelationContext | undefined = Correlation.current()): Record<string, string> {
    const c = ctx ?? Correlation.create();
    if (c.traceId) {
      return {
        [CORRELATION_HEADER]: c.correlationId,
        [TRACEPARENT_HEADER]: formatTraceparent(c.traceId, newSpanId(), c.traceFlags ?? '01'),
      };
    }
    const parent = parseTraceparent(c.traceparent);
    const traceId = parent?.traceId ?? traceIdFrom(c.correlationId) ?? newTraceId();
    return {
      [CORRELATION_HEADER]: c.correlationId,
      [TRACEPARENT_HEADER]: formatTraceparent(traceId, newSpanId(), parent?.flags ?? '01'),
    };
  },

  /** The current correlation id, or undefined. */
  id(): string | undefined {
    return Correlation.current()?.correlationId;
  },
};
