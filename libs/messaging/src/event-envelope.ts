import { randomBytes } from 'node:crypto';
import { Correlation } from '@app/platform';

/**
 * One event as it travels on the bus: a small, versioned, self-describing message.
 * `data` is the payload defined in '@app/contracts' for `type` at `version`.
 */
export interface EventEnvelope<T = unknown> {
  /** UUID (v7: time ordered), unique per event; consumers dedupe on it. */
  id: string;
  /** Dotted business name, e.g. `opportunity.closed_won`. */
  type: string;
  /** Schema version of `data` for this type (integer, starts at 1). */
  version: number;
  /** ISO 8601 instant at which the change happened. */
  occurredAt: string;
  /** Correlation id of the request or event that caused this one (carried end to end). */
  correlationId: string;
  /** W3C traceparent of the unit of work that produced the event, when known. */
  traceparent?: string;
  /** Id of the event that caused this one, when produced by a consumer. */
  causationId?: string;
  /** Name of the producing app, e.g. `system-crm`. */
  source: string;
  /** Business key the event is about, e.g. the opportunity id. */
  subject: string;
  data: T;
}

export interface NewEventOptions {
  /** Producing app name. */
  source: string;
  /** Defaults to 1. */
  version?: number;
  /** The event that caused this one (set it when publishing from a handler). */
  causationId?: string;
  /** Overrides the correlation id taken from the current context. */
  correlationId?: string;
  /** Defaults to now. */
  occurredAt?: Date | string;
}

/**
 * Builds an envelope: fresh UUID v7 id, `occurredAt` now, correlation id (and traceparent) from the current
 * `Correlation` context (a new correlation id when there is none).
 */
export function newEvent<T>(type: string, subject: string, data: T, opts: NewEventOptions): EventEnvelope<T> {
  const ctx = Correlation.current();
  const correlationId = opts.correlationId ?? ctx?.correlationId ?? uuidv7();
  const occurredAt = opts.occurredAt === undefined ? new Date() : new Date(opts.occurredAt);
  const event: EventEnvelope<T> = {
    id: uuidv7(),
    type,
    version: opts.version ?? 1,
    occurredAt: occurredAt.toISOString(),
    correlationId,
    source: opts.source,
    subject,
    data,
  };
  if (ctx?.traceparent && correlationId === ctx.correlationId) event.traceparent = ctx.traceparent;
  if (opts.causationId) event.causationId = opts.causationId;
  return event;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws an Error naming the first malformed field; the bus calls it before accepting an event. */
export function assertEventEnvelope(value: unknown): asserts value is EventEnvelope {
  const e = value as Partial<EventEnvelope> | null;
  const fail = (field: string, must: string): never => {
    throw new Error(`Invalid event envelope: ${field} ${must}`);
  };
  if (typeof e !== 'object' || e === null) fail('envelope', 'must be an object');
  const ev = e as Partial<EventEnvelope>;
  if (typeof ev.id !== 'string' || !UUID.test(ev.id)) fail('id', 'must be a UUID');
  if (typeof ev.type !== 'string' || ev.type.length === 0) fail('type', 'must be a non-empty string');
  if (!Number.isInteger(ev.version) || (ev.version as number) < 1) fail('version', 'must be a positive integer');
  if (typeof ev.occurredAt !== 'string' || Number.isNaN(Date.parse(ev.occurredAt)))
    fail('occurredAt', 'must be an ISO date');
  if (typeof ev.correlationId !== 'string' || ev.correlationId.length === 0)
    fail('correlationId', 'must be a non-empty string');
  if (typeof ev.source !== 'string' || ev.source.length === 0) fail('source', 'must be a non-empty string');
  if (typeof ev.subject !== 'string' || ev.subject.length === 0) fail('subject', 'must be a non-empty string');
  if (!('data' in ev)) fail('data', 'is required');
}

/** RFC 9562 UUID version 7: 48-bit Unix milliseconds, then random bits (ids sort by creation time). */
export function uuidv7(now: number = Date.now()): string {
  const b = randomBytes(16);
  b[0] = Math.floor(now / 2 ** 40) & 0xff;
  b[1] = Math.floor(now / 2 ** 32) & 0xff;
  b[2] = (now >>> 24) & 0xff;
  b[3] = (now >>> 16) & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
