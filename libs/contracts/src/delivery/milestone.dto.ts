import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ISO_DATE_PROPERTY, TIMESTAMP_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsIdentifier, IsIsoDate, IsTimestamp } from '../common/validators';

export const MilestoneStatuses = ['planned', 'in-progress', 'completed', 'invoiced', 'cancelled'] as const;
export type MilestoneStatus = (typeof MilestoneStatuses)[number];

/** A deliverable of a project that is billed a fixed amount when completed. */
@ApiSchema({ name: 'Milestone' })
export class MilestoneDto extends CanonicalEntityDto {
  @IsIdentifier()
  projectId: string;

  @IsIdentifier()
  contractId: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  dueDate?: string;

  /** Amount billed on completion, in the contract currency. */
  @IsMoney({ min: 0 })
  amount: MoneyDto;

  @ApiProperty({ enum: MilestoneStatuses, enumName: 'MilestoneStatus', example: 'completed' })
  @IsIn(MilestoneStatuses)
  status: MilestoneStatus;

  /** When it was completed; required once completed or invoiced. */
  @ApiProperty(TIMESTAMP_PROPERTY)
  @ValidateIf((m: MilestoneDto) => m.status === 'completed' || m.status === 'invoiced' || m.completedAt !== undefined)
  @IsTimestamp()
  completedAt?: string;
}
