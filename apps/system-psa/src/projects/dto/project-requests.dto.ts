import {
  AssignmentDto,
  IsIdentifier,
  IsIsoDate,
  IsMoney,
  ISO_DATE_PROPERTY,
  MilestoneDto,
  MoneyDto,
  ProjectDto,
} from '@app/contracts';
import { ApiProperty, ApiSchema, OmitType } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A project to create in the PSA: the canonical project; its `id` makes the create safe to retry. */
@ApiSchema({ name: 'NewPsaProject' })
export class CreateProjectDto extends OmitType(ProjectDto, ['crossReferences', 'updatedAt'] as const) {}

/** Staff a PSA user on the project. */
@ApiSchema({ name: 'NewPsaAssignment' })
export class CreateAssignmentDto {
  /** Canonical id of the PSA user (see GET /users). */
  @IsIdentifier()
  userId: string;

  /** Role code on the project (`senior-consultant`); the PSA's role of that name. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  role?: string;
}

/** A milestone to create; `id` (canonical) makes the create safe to retry. */
@ApiSchema({ name: 'NewPsaMilestone' })
export class CreateMilestoneDto {
  @IsIdentifier()
  id: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  dueDate?: string;

  /** Amount billed on completion, in the project currency. */
  @IsMoney({ min: 0 })
  amount: MoneyDto;
}

export class ProjectIdParamDto {
  /** Canonical project id (or the PSA's own id). */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  id: string;
}

@ApiSchema({ name: 'PsaProjectList' })
export class ProjectListDto {
  @ApiProperty({ type: () => [ProjectDto] })
  @IsArray()
  items: ProjectDto[];
}

@ApiSchema({ name: 'PsaAssignmentList' })
export class AssignmentListDto {
  @ApiProperty({ type: () => [AssignmentDto] })
  @IsArray()
  items: AssignmentDto[];
}

@ApiSchema({ name: 'PsaMilestoneList' })
export class MilestoneListDto {
  @ApiProperty({ type: () => [MilestoneDto] })
  @IsArray()
  items: MilestoneDto[];
}
