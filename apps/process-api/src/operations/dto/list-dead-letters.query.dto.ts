import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { DEAD_LETTER_STATUSES, DeadLetterStatus } from '@app/messaging';
import { PageQueryDto } from '../../common/page-query.dto';

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
export class ListDeadLettersQueryDto extends IntersectionType(DeadLetterFilterDto, PageQueryDto) {
  @ApiProperty({ enum: DEAD_LETTER_STATUSES, enumName: 'DeadLetterStatus', required: false })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;
}
