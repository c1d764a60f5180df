import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import type { FaultSpec } from './fault-plan';

/** A fault to inject into a sandbox's vendor API (`POST /__sandbox/faults`). */
export class FaultSpecDto implements FaultSpec {
  @IsOptional()
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  errorRate?: number;

  @IsOptional()
  @IsInt()
  seed?: number;

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
  @IsIn(['before', 'after'])
  phase?: 'before' | 'after';

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  times?: number;

  @IsOptional()
  @IsString()
  pathPrefix?: string;

  @IsOptional()
  @IsString()
  method?: string;
}
