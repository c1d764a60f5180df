import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

/** How system-billing reaches Stripe (or the bundled sandbox, the default). */
export class StripeConfig {
  /** Base URL of the Stripe API (`https://api.stripe.com` for a real account). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  apiUrl: string = 'http://127.0.0.1:9105';

  /** Secret key (`sk_test_...` / `sk_live_...`, or a restricted `rk_...` key). */
  @Matches(/^(sk|rk)_(test|live)_\S+$/, { message: 'secretKey must look like sk_test_...' })
  secretKey: string = 'sk_test_sandbox';

  /** Signing secret of the webhook endpoint pointing at /system/billing/v1/webhooks/stripe. */
  @IsString()
  @MinLength(8)
  webhookSecret: string = 'whsec_sandbox';

  /** Accepted age of a webhook signature timestamp (Stripe's default tolerance). */
  @IsInt()
  @Min(1)
  webhookToleranceSeconds: number = 300;

  /** Timeout of one HTTP attempt. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs: number = 10000;

  /** Our retries of one Stripe call (same Idempotency-Key) on 5xx, 429 and network errors; the SDK's own are off. */
  @IsInt()
  @Min(0)
  @Max(20)
  maxRetries: number = 6;

  /** First backoff delay (full jitter, doubling, capped at 2 s). */
  @IsInt()
  @Min(1)
  retryBaseMs: number = 100;

  /** A 429 whose Retry-After is longer than this fails at once instead of waiting. */
  @IsInt()
  @Min(0)
  maxRetryAfterMs: number = 10000;

  /** Our request budget per second (Stripe allows 25 in test mode, 100 live); requests over it queue. */
  @IsInt()
  @Min(1)
  requestsPerSecond: number = 20;

  /** Consecutive failed calls (5xx, 429, network, after our retries) that open the circuit. */
  @IsInt()
  @Min(1)
  breakerThreshold: number = 5;

  /** How long an open circuit answers 503 at once before letting one call through. */
  @IsInt()
  @Min(100)
  breakerHalfOpenAfterMs: number = 10000;

  /**
   * Stripe keeps an Idempotency-Key 24 hours. A create first attempted longer ago than this looks
   * its object up by metadata before creating again.
   */
  @IsInt()
  @Min(0)
  idempotencyKeyTrustSeconds: number = 82800;
}

export const stripeConfig = defineConfig('stripe', StripeConfig, (env) => ({
  apiUrl: env.STRIPE_API_URL,
  secretKey: env.STRIPE_SECRET_KEY,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET,
  webhookToleranceSeconds: env.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
  timeoutMs: env.STRIPE_TIMEOUT_MS,
  maxRetries: env.STRIPE_MAX_RETRIES,
  retryBaseMs: env.STRIPE_RETRY_BASE_MS,
  maxRetryAfterMs: env.STRIPE_MAX_RETRY_AFTER_MS,
  requestsPerSecond: env.STRIPE_REQUESTS_PER_SECOND,
  breakerThreshold: env.STRIPE_BREAKER_THRESHOLD,
  breakerHalfOpenAfterMs: env.STRIPE_BREAKER_HALF_OPEN_AFTER_MS,
  idempotencyKeyTrustSeconds: env.STRIPE_IDEMPOTENCY_KEY_TRUST_SECONDS,
}));

export type StripeSettings = ConfigType<typeof stripeConfig>;
