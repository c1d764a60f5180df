import { defineConfig } from '@app/platform';
import { ConfigType } from '@nestjs/config';
import { IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

export class StripeSandboxConfig {
  /** The secret key callers must send as `Authorization: Bearer <key>`. */
  @Matches(/^sk_test_\S+$/, { message: 'secretKey must look like sk_test_...' })
  secretKey: string = 'sk_test_sandbox';

  /** Requests per second per key (Stripe's test mode allows 25); over it: 429 rate_limit_error. */
  @IsInt()
  @Min(1)
  rateLimit: number = 25;

  /** How long an Idempotency-Key and its stored answer are kept (Stripe: 24 hours). */
  @IsInt()
  @Min(1)
  idempotencyTtlSeconds: number = 86400;

  /** A webhook endpoint configured at start (besides those registered through /v1/webhook_endpoints). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  webhookUrl?: string;

  /** Signing secret of that endpoint. */
  @IsString()
  @MinLength(8)
  webhookSecret: string = 'whsec_sandbox';

  /** Delivery attempts of one event to one endpoint before giving up (Stripe retries for 3 days). */
  @IsInt()
  @Min(1)
  @Max(100)
  webhookMaxAttempts: number = 8;

  /** First retry delay; doubles each attempt (capped at an hour). */
  @IsInt()
  @Min(10)
  webhookRetryBaseMs: number = 1000;

  /** Timeout of one delivery. */
  @IsInt()
  @Min(100)
  webhookTimeoutMs: number = 10000;

  /**
   * Faults active from the start, as the JSON body of `POST /__sandbox/faults` (empty: none), e.g.
   * `{"status":503,"errorRate":0.2,"seed":7}`. When empty, the two rates below apply.
   */
  @IsString()
  faults: string = '';

  /** Injected faults at start: share of requests answered 500 (0..1); seeded by `faultSeed`. */
  @IsNumber()
  @Min(0)
  @Max(1)
  faultErrorRate: number = 0;

  /** Injected faults at start: share of requests answered 429 with Retry-After. */
  @IsNumber()
  @Min(0)
  @Max(1)
  faultRateLimitRate: number = 0;

  /** Seed of the fault dice (same seed, same sequence of faults). */
  @IsInt()
  faultSeed: number = 1;
}

export const stripeSandboxConfig = defineConfig('sandboxStripe', StripeSandboxConfig, (env) => ({
  secretKey: env.SANDBOX_STRIPE_SECRET_KEY,
  rateLimit: env.SANDBOX_STRIPE_RATE_LIMIT,
  idempotencyTtlSeconds: env.SANDBOX_STRIPE_IDEMPOTENCY_TTL_SECONDS,
  webhookUrl: env.SANDBOX_STRIPE_WEBHOOK_URL,
  webhookSecret: env.SANDBOX_STRIPE_WEBHOOK_SECRET,
  webhookMaxAttempts: env.SANDBOX_STRIPE_WEBHOOK_MAX_ATTEMPTS,
  webhookRetryBaseMs: env.SANDBOX_STRIPE_WEBHOOK_RETRY_BASE_MS,
  webhookTimeoutMs: env.SANDBOX_STRIPE_WEBHOOK_TIMEOUT_MS,
  faults: env.SANDBOX_STRIPE_FAULTS,
  faultErrorRate: env.SANDBOX_STRIPE_FAULT_ERROR_RATE,
  faultRateLimitRate: env.SANDBOX_STRIPE_FAULT_RATE_LIMIT_RATE,
  faultSeed: env.SANDBOX_STRIPE_FAULT_SEED,
}));

export type StripeSandboxSettings = ConfigType<typeof stripeSandboxConfig>;
