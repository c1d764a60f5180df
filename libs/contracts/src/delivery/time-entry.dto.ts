import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ISO_DATE_PROPERTY, TIMESTAMP_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsIdentifier, IsIsoDate, IsMinutes, IsTimestamp } from '../common/validators';

/** Lifecycle of time and expenses: approved ones can be invoiced, invoiced ones are locked. */
export const ApprovalStatuses = ['draft', 'submitted', 'approved', 'rejected', 'invoiced'] as const;
export type ApprovalStatus = (typeof ApprovalStatuses)[number];

/** Minutes in a day: the most one entry can hold. */
export const MINUTES_PER_DAY = 24 * 60;

/** Time a worker spent on a project on one day, in whole minutes. */
@ApiSchema({ name: 'TimeEntry' })
export class TimeEntryDto extends CanonicalEntityDto {
  @IsIdentifier()
  workerId: string;

  @IsIdentifier()
  projectId: string;

  @IsOptional()
  @IsIdentifier()
  assignmentId?: string;

  /** Day the work was done. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  date: string;

  /** Duration in whole minutes (1 to 1440). */
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: MINUTES_PER_DAY, example: 450 })
  @IsMinutes({ min: 1, max: MINUTES_PER_DAY })
  minutes: number;

  @IsBoolean()
  billable: boolean;

  @ApiProperty({ enum: ApprovalStatuses, enumName: 'ApprovalStatus', example: 'approved' })
  @IsIn(ApprovalStatuses)
  status: ApprovalStatus;

  /** Role the time is billed as; defaults to the assignment's role. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** When the entry was approved; required once approved or invoiced. */
  @ApiProperty(TIMESTAMP_PROPERTY)
  @ValidateIf((t: TimeEntryDto) => t.status === 'approved' || t.status === 'invoiced' || t.approvedAt !== undefined)
  @IsTimestamp()
  approvedAt?: string;

  /** Worker who approved it. */
  @IsOptional()
  @IsIdentifier()
  approvedBy?: string;
}
