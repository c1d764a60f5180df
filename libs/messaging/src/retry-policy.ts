/** Exponential backoff with jitter for redeliveries. */
export interface RetryPolicy {
  /** Total deliveries including the first one. */
  maxAttempts: number;
  /** Delay before the 2nd delivery (before jitter). */
  baseDelayMs: number;
  /** Upper bound of one delay. */
  maxDelayMs: number;
}

/**
 * Delay before delivery `nextAttempt` (2, 3, ...): base * 2^(nextAttempt - 2), capped, with "equal jitter"
 * (half fixed, half random) so a burst of failures does not retry in lockstep.
 */
export function backoffDelayMs(policy: RetryPolicy, nextAttempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, nextAttempt - 2));
  return Math.round(exp / 2 + random() * (exp / 2));
}
