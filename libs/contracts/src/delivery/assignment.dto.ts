import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ISO_DATE_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsIdentifier, IsIsoDate, IsOnOrAfter } from '../common/validators';

export const AssignmentStatuses = ['proposed', 'confirmed', 'cancelled'] as const;
export type AssignmentStatus = (typeof AssignmentStatuses)[number];

/**
 * A worker staffed on a project in a role, for a period. Versioned: every change is a new
 * version with a higher `version` number; consumers keep the highest version they have seen and
 * ignore older ones arriving late.
 */
@ApiSchema({ name: 'Assignment' })
export class AssignmentDto extends CanonicalEntityDto {
  /** 1 for the first version, incremented on every change. */
  @IsInt()
  @Min(1)
  version: number;

  @IsIdentifier()
  projectId: string;

  @IsIdentifier()
  workerId: string;

  /** Role the worker is billed as on this project (a rate-card role code). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  role: string;

  @ApiProperty({ enum: AssignmentStatuses, enumName: 'AssignmentStatus', example: 'confirmed' })
  @IsIn(AssignmentStatuses)
  status: AssignmentStatus;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  startDate: string;

  /** Last day of the assignment (inclusive); open-ended when absent. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('startDate')
  endDate?: string;

  /** Share of the worker's capacity, in whole percent. */
  @IsInt()
  @Min(1)
  @Max(100)
  allocationPercent: number;

  /** Whether time on this assignment is billable to the customer. */
  @IsBoolean()
  billable: boolean;
}
