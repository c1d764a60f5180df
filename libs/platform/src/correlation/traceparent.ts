import { randomFillSync } from 'node:crypto';

/** A parsed W3C `traceparent` header (version 00). */
export interface TraceParent {
  version: string;
  traceId: string;
  parentId: string;
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO_TRACE = '0'.repeat(32);
const ALL_ZERO_SPAN = '0'.repeat(16);

/**
 * Parses a `traceparent` header per W3C Trace Context. Returns undefined for anything invalid:
 * wrong shape, upper-case hex, version ff, all-zero trace or parent id, or extra fields on version 00.
 */
export function parseTraceparent(header: string | string[] | undefined): TraceParent | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return undefined;
  const m = TRACEPARENT.exec(value.trim());
  if (!m) return undefined;
  const [, version, traceId, parentId, flags, rest] = m;
  if (version === 'ff') return undefined;
  if (version === '00' && rest !== undefined) return undefined;
  if (traceId === ALL_ZERO_TRACE || parentId === ALL_ZERO_SPAN) return undefined;
  return { version, traceId, parentId, flags };
}

export function formatTraceparent(traceId: string, spanId: string, flags = '01'): string {
  return `00-${traceId}-${spanId}-${flags}`;
}

/**
 * Random ids from a pool refilled 4 KiB at a time: one CSPRNG call per ~250 ids instead of one per
 * request (the span id is minted on every request and event).
 */
const POOL = Buffer.allocUnsafe(4096);
let poolOffset = POOL.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const id = POOL.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return id;
}

export function newSpanId(): string {
  let id = randomHex(8);
  while (id === ALL_ZERO_SPAN) id = randomHex(8);
  return id;
}

export function newTraceId(): string {
  let id = randomHex(16);
  while (id === ALL_ZERO_TRACE) id = randomHex(16);
  return id;
}

/**
 * A fresh correlation id (a version 4 UUID) and the trace id it maps to (its 32 hex digits), from one
 * draw of the random pool: no UUID parsing on the request path.
 */
export function newCorrelationIds(): { correlationId: string; traceId: string } {
  const hex = randomHex(16);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const traceId = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  return {
    correlationId: `${traceId.slice(0, 8)}-${traceId.slice(8, 12)}-${traceId.slice(12, 16)}-${traceId.slice(16, 20)}-${traceId.slice(20)}`,
    traceId,
  };
}

/** A trace id derived from a correlation id when it is a UUID or 32 hex chars; otherwise undefined. */
export function traceIdFrom(correlationId: string): string | undefined {
  const hex = correlationId.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) && hex !== ALL_ZERO_TRACE ? hex : undefined;
}
