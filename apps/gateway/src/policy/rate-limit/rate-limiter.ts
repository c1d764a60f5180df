import type { PlanLimits } from '../policy.config';

/** One limit's state after a request was counted (or refused). */
export interface LimitState {
  limit: number;
  /** Requests still admitted in the current window (sliding) or day (quota). */
  remaining: number;
  /** Seconds until one more request would be admitted again (0 when some remain). */
  resetSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** The limit that refused the request, when one did. */
  refusedBy?: 'rate' | 'daily';
  rate: LimitState;
  daily?: LimitState;
  /** Seconds to wait before retrying (Retry-After) when refused. */
  retryAfterSeconds: number;
}

/**
 * Counts a consumer's requests against its plan. Sliding-window log: a request is admitted when
 * fewer than `rate` requests were admitted in the last `windowSeconds` (exact, no burst at window
 * edges), and the daily quota is a counter per UTC calendar day. Refused requests count for neither.
 */
export interface RateLimiter {
  consume(consumerId: string, plan: PlanLimits): RateDecision | Promise<RateDecision>;
  close?(): Promise<void>;
}

export const RATE_LIMITER = Symbol('RATE_LIMITER');

/** Seconds, rounded up, at least `min`. */
export function ceilSeconds(ms: number, min = 0): number {
  return Math.max(min, Math.ceil(ms / 1000));
}
