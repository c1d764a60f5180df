import type { RateBudgetOptions } from './rate-budget';

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RetryOptions {
  /** Retries after the first attempt (default HTTP_CLIENT_RETRIES, 2). */
  retries?: number;
  /** First backoff ceiling; the n-th retry waits random(0, min(max, base * 2^(n-1))) (full jitter). Default 100. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 2000. */
  maxDelayMs?: number;
  /** A Retry-After (429/503) longer than this is not waited for: the call gives up. Default 10000. */
  maxRetryAfterMs?: number;
}

export interface BreakerOptions {
  /** 'consecutive' (default): opens after `threshold` consecutive failures. 'sampling': failure ratio over a window. */
  type?: 'consecutive' | 'sampling';
  /** Consecutive failures (consecutive, default HTTP_CLIENT_BREAKER_THRESHOLD) or failure ratio 0..1 (sampling, default 0.5). */
  threshold?: number;
  /** Sampling window (sampling only). Default 10000. */
  samplingDurationMs?: number;
  /** Minimum requests per second in the window before the sampling breaker may open. Default 1. */
  minimumRps?: number;
  /** Time an open circuit waits before letting one trial call through (half-open). Default HTTP_CLIENT_HALF_OPEN_AFTER_MS. */
  halfOpenAfterMs?: number;
}

/** One upstream app or vendor API. */
export interface HttpTarget {
  /** Dependency name, used in metrics, /health/dependencies and problems (`dependency`). */
  name: string;
  /** e.g. http://127.0.0.1:9101 or https://acme.my.salesforce.com/services/data/v60.0 (a path prefix is kept). */
  baseUrl: string;
  /** Timeout of one attempt, headers and body included. Default HTTP_CLIENT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Number of retries, or retry options. 0 disables retries. */
  retries?: number | RetryOptions;
  /** Circuit breaker options; false disables it. */
  breaker?: BreakerOptions | false;
  /** Keep-alive connections in the pool. Default HTTP_CLIENT_CONNECTIONS. */
  connections?: number;
  /** Idle keep-alive socket lifetime. Default 10000. */
  keepAliveTimeoutMs?: number;
  /** Headers sent on every call (e.g. a static API version header). */
  headers?: Record<string, string>;
  /** How /health/dependencies labels it. */
  kind?: 'upstream' | 'vendor';
  /**
   * The vendor's documented limits (rate, parallel calls): calls beyond them wait in a FIFO queue instead
   * of being sent to fail with 429; a 429/503 Retry-After pauses the whole queue.
   */
  rateBudget?: RateBudgetOptions;
  /** When set, /health/dependencies also probes GET <baseUrl><healthPath> (when the circuit is not open). */
  healthPath?: string;
}

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

export interface HttpRequest {
  method: HttpMethod | Lowercase<HttpMethod>;
  /** Path below the target's baseUrl, e.g. `/sobjects/Opportunity/006...`. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** JSON body (objects/arrays are serialised), or a string / Buffer sent as is. */
  body?: unknown;
  /** Form-encoded body (application/x-www-form-urlencoded). */
  form?: Record<string, QueryValue>;
  /** Overrides the target's per-attempt timeout. */
  timeoutMs?: number;
  /** Allow retries for a non-idempotent method (the caller knows the call is safe to repeat). */
  retryable?: boolean;
  /** 'text': never parse the body; default 'json' parses JSON content types and leaves others as text. */
  responseType?: 'json' | 'text';
}

export interface HttpResponse<T = unknown> {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: T;
  rawBody: string;
}

/** Circuit state as exported in the http_client_circuit_state gauge. */
export enum CircuitStateValue {
  Closed = 0,
  Open = 1,
  HalfOpen = 2,
}
