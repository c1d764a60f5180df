import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, ValidateNested } from 'class-validator';
import { TIMESTAMP_PROPERTY } from '../common/api-properties';
import { IsIdentifier, IsTimestamp } from '../common/validators';
import { ExpenseDto } from '../delivery/expense.dto';
import { MilestoneDto } from '../delivery/milestone.dto';
import { ProjectDto } from '../delivery/project.dto';
import { TimeEntryDto } from '../delivery/time-entry.dto';

/** `project.provisioned` (subject `project/<id>`): the project now exists in the PSA and the ERP. */
@ApiSchema({ name: 'ProjectProvisionedData' })
export class ProjectProvisionedData {
  /** The project with its ids in every system it was created in. */
  @IsDefined()
  @ValidateNested()
  @Type(() => ProjectDto)
  project: ProjectDto;

  /** Canonical id of the won opportunity the project came from. */
  @IsOptional()
  @IsIdentifier()
  opportunityId?: string;

  /** The provisioning workflow run that created it. */
  @IsOptional()
  @IsIdentifier()
  provisioningId?: string;
}

/** `time.approved` (subject `time-entry/<id>`): one approved time entry. */
@ApiSchema({ name: 'TimeApprovedData' })
export class TimeApprovedData {
  @IsDefined()
  @ValidateNested()
  @Type(() => TimeEntryDto)
  timeEntry: TimeEntryDto;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  approvedAt: string;

  @IsOptional()
  @IsIdentifier()
  approvedBy?: string;
}

/** `expense.approved` (subject `expense/<id>`): one approved expense. */
@ApiSchema({ name: 'ExpenseApprovedData' })
export class ExpenseApprovedData {
  @IsDefined()
  @ValidateNested()
  @Type(() => ExpenseDto)
  expense: ExpenseDto;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  approvedAt: string;

  @IsOptional()
  @IsIdentifier()
  approvedBy?: string;
}

/** `milestone.completed` (subject `milestone/<id>`): a milestone ready to be invoiced. */
@ApiSchema({ name: 'MilestoneCompletedData' })
export class MilestoneCompletedData {
  @IsDefined()
  @ValidateNested()
  @Type(() => MilestoneDto)
  milestone: MilestoneDto;

  @ApiProperty(TIMESTAMP_PROPERTY)
  @IsTimestamp()
  completedAt: string;
}
