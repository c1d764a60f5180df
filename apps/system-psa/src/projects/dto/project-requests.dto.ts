import {
  AssignmentDto,
  IsIdentifier,
  IsIsoDate,
  IsMoney,
  ISO_DATE_PROPERTY,
  MilestoneDto,
  MoneyDto,
  ProjectDto,
  ProjectStatuses,
} from '@app/contracts';
import { ApiProperty, ApiSchema, OmitType } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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

export const ProjectPatchStatuses = [...ProjectStatuses, 'archived'] as const;

/** A partial update of a project: only the fields present change. */
@ApiSchema({ name: 'PsaProjectPatch' })
export class PatchProjectDto {
  /** New fee budget, in the project currency; not negative. */
  @IsMoney({ optional: true, min: 0 })
  budget?: MoneyDto;

  /** New end date (not before the start date). */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  endDate?: string;

  /** A project status, or `archived`: the workspace is archived (compensation of a failed provisioning, closure). */
  @ApiProperty({ enum: ProjectPatchStatuses, enumName: 'PsaProjectPatchStatus', required: false })
  @IsOptional()
  @IsIn(ProjectPatchStatuses)
  status?: (typeof ProjectPatchStatuses)[number];
}

/** A milestone to create or bring up to date (by its canonical id in the path). */
@ApiSchema({ name: 'PsaMilestoneUpsert' })
export class UpsertMilestoneDto extends OmitType(CreateMilestoneDto, ['id'] as const) {}

export class MilestoneParamsDto extends ProjectIdParamDto {
  /** Canonical milestone id. */
  @IsIdentifier()
  milestoneId: string;
}
