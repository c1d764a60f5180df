import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** A fault to inject into the vendor API. */
export class SandboxFaultDto {
  /** Answer with this HTTP status instead of serving. */
  @IsOptional()
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;

  /** Delay before answering, in milliseconds. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600000)
  delayMs?: number;

  /** Number of requests affected (unlimited until cleared when absent). */
  @IsOptional()
  @IsInt()
  @Min(1)
  times?: number;

  /** Only requests whose path starts with this. */
  @IsOptional()
  @IsString()
  pathPrefix?: string;
}
