import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

/** A fault to inject into the Kantata API (see KantataFault). */
export class KantataFaultDto {
  @IsOptional()
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600000)
  delayMs?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600000)
  jitterMs?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  probability?: number;

  @IsOptional()
  @IsInt()
  seed?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  times?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  durationMs?: number;

  @IsOptional()
  @IsString()
  pathPrefix?: string;

  @IsOptional()
  @IsString()
  method?: string;

  @IsOptional()
  @IsIn(['before', 'after'])
  phase?: 'before' | 'after';

  @IsOptional()
  @IsBoolean()
  malformed?: boolean;

  @IsOptional()
  @IsInt()
  @Min(0)
  retryAfterSeconds?: number;
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
