import { IsBoolean, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { FaultSpecDto } from '../../../common/fault-spec.dto';
import type { KantataFault } from '../kantata-faults.service';

/**
 * A fault to inject into the Kantata API: the shared fault plan's fields (`FaultSpecDto`) plus an
 * outage window and malformed bodies (see KantataFault). `probability` and `durationMs` are the
 * earlier names of `errorRate` and `outageMs`.
 */
export class KantataFaultDto extends FaultSpecDto implements KantataFault {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  outageMs?: number;

  @IsOptional()
  @IsBoolean()
  malformed?: boolean;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  probability?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  durationMs?: number;
}

/** Other rate limits until the next reset. */
export class KantataRateLimitDto {
  @IsInt()
  @Min(1)
  requests: number;

  @IsInt()
  @Min(1)
  @Max(86400)
  windowSeconds: number;
}
