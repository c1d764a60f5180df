import { Logger } from '@nestjs/common';
import { isRetryable, retryAfterMs } from './stripe-errors';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs a Stripe call, repeating it on 5xx, 429 (honouring Retry-After), 409 key-in-use and network
 * failures with full-jitter exponential backoff. The caller passes the same Idempotency-Key to every
 * attempt, so a repeat of a call whose answer was lost returns the object created the first time.
 */
export async function withStripeRetry<T>(
  policy: RetryPolicy,
  what: string,
  call: (attempt: number) => Promise<T>,
  log?: Logger,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (attempt >= policy.maxRetries || !isRetryable(error)) throw error;
      const after = retryAfterMs(error);
      if (after !== undefined && after > policy.maxRetryAfterMs) throw error;
      const backoff = Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      const delay = after !== undefined ? Math.max(after, backoff) : backoff;
      log?.debug({ what, attempt, delay, err: (error as Error).message }, 'retrying a stripe call');
      await sleep(delay);
    }
  }
}
