import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Faults to inject in front of the Stripe API (replaces the current ones). */
export class StripeFaultsDto {
  /** Share of requests answered 500 before they run (0..1). */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  errorRate?: number;

  /** Share of requests that run (and are stored under their Idempotency-Key) but answer 500. */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  lostResponseRate?: number;

  /** Share of requests answered 429 with Retry-After. */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  rateLimitRate?: number;

  /** Share of requests answered 200 with a truncated JSON body. */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  malformedRate?: number;

  /** Further 429s after each injected one. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  rateLimitBurst?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600000)
  latencyMs?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600000)
  jitterMs?: number;

  /** Answer 503 to everything for this many milliseconds from now. */
  @IsOptional()
  @IsInt()
  @Min(0)
  outageMs?: number;

  @IsOptional()
  @IsInt()
  seed?: number;
}

export class StripeRateLimitDto {
  @IsInt()
  @Min(1)
  limit: number;
}

export class SimulatePaymentDto {
  @IsIn(['succeeded', 'failed'])
  outcome: 'succeeded' | 'failed';

  @IsOptional()
  @IsString()
  @MaxLength(100)
  failureCode?: string;
}
