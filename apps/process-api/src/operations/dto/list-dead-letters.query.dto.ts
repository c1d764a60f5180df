import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEAD_LETTER_STATUSES, DeadLetterStatus } from '@app/messaging';

/** Which dead letters (shared by the list and the replay-by-filter). */
export class DeadLetterFilterDto {
  /** Consumer group, e.g. `process.project-setup`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  group?: string;

  /** Event type, e.g. `opportunity.closed_won`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  type?: string;

  /** Only those whose last failure is at or after this instant (RFC 3339). */
  @ApiProperty({ format: 'date-time', required: false })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}

/** Filter and page of `GET /dead-letters`. */
export class ListDeadLettersQueryDto extends DeadLetterFilterDto {
  @ApiProperty({ enum: DEAD_LETTER_STATUSES, enumName: 'DeadLetterStatus', required: false })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;

  /** Page size (1-200). */
  @ApiProperty({ type: 'integer', required: false, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  /** Items to skip. */
  @ApiProperty({ type: 'integer', required: false, default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}
