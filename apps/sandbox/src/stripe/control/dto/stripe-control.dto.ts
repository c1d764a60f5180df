import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FaultSpecDto } from '../../../common/fault-spec.dto';
import type { StripeFaults } from '../stripe-faults.service';

/**
 * Faults to inject in front of the Stripe API (replaces the current ones): the shared fault plan's
 * fields (`FaultSpecDto`; `errorRate` without `status` means 500) plus an outage window, malformed
 * bodies and the Stripe-sandbox dice (see StripeFaults).
 */
export class StripeFaultsDto extends FaultSpecDto implements StripeFaults {
  /** Answer 503 (or `status`) to everything for this many milliseconds from now. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  outageMs?: number;

  /** Answer 200 with a truncated JSON body. */
  @IsOptional()
  @IsBoolean()
  malformed?: boolean;

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

  /** Earlier name of `delayMs`. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600000)
  latencyMs?: number;
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

  /**
   * A successful payment of part of the amount remaining (minor units): the invoice stays open with
   * `amount_paid` raised, and Stripe's `invoice.updated` is sent (as for a partial invoice payment).
   * Absent: the whole amount remaining is paid.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  amount?: number;
}
