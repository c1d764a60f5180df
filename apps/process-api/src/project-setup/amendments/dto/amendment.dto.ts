import { BillRateDto, IsIdentifier, IsIsoDate, IsMoney, ISO_DATE_PROPERTY, MoneyDto } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AmendmentStatuses, AmendmentStepNames } from '../contract-amendment.entity';
import type { AmendmentStatus, AmendmentStepName } from '../contract-amendment.entity';

/** A new rate-card version: the bill rates it changes or adds (the others stay as they were). */
@ApiSchema({ name: 'AmendmentRateCard' })
export class AmendmentRateCardDto {
  /** Hourly bill rates by role code, in the contract currency. */
  @ApiProperty({ type: () => [BillRateDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BillRateDto)
  rates: BillRateDto[];
}

/** A milestone added (no `id`) or changed (the `id` of an existing milestone of the project). */
@ApiSchema({ name: 'AmendmentMilestone' })
export class AmendmentMilestoneDto {
  /** Canonical id of the milestone to change; absent to add one. */
  @IsOptional()
  @IsIdentifier()
  id?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Amount billed on completion, in the contract currency; not negative. */
  @IsMoney({ min: 0 })
  amount: MoneyDto;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  dueDate: string;
}

/** What the amendment changes; at least one of them. */
@ApiSchema({ name: 'AmendmentChanges' })
export class AmendmentChangesDto {
  /** A new rate-card version, in force from the effective date. */
  @ApiPropertyOptional({ type: () => AmendmentRateCardDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AmendmentRateCardDto)
  rateCard?: AmendmentRateCardDto;

  /** The new fee budget, in the contract currency; not negative. */
  @IsMoney({ optional: true, min: 0 })
  budget?: MoneyDto;

  /** The new end date of the contract (after its start date). */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  endDate?: string;

  /** Milestones added or changed. */
  @ApiPropertyOptional({ type: () => [AmendmentMilestoneDto] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AmendmentMilestoneDto)
  milestones?: AmendmentMilestoneDto[];
}

/** A contract amendment (change order) of a provisioned project. */
@ApiSchema({ name: 'NewContractAmendment' })
export class CreateAmendmentRequestDto {
  /**
   * First day the changes apply (within the contract period, not before an earlier amendment's):
   * work before it keeps its old price, work on and after it takes the new one.
   */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  effectiveDate: string;

  /** Why the contract changes (the change order's reference or summary). */
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => AmendmentChangesDto)
  changes: AmendmentChangesDto;
}

export class ProjectCodeParamsDto {
  /** The project code every system shows (e.g. `US-01-2025-1A2B3C`). */
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  code: string;
}

export class AmendmentParamsDto extends ProjectCodeParamsDto {
  /** Amendment id. */
  @IsUUID()
  id: string;
}

/** One propagation step of an amendment (PSA, ERP, billing schedule). */
@ApiSchema({ name: 'AmendmentStep' })
export class AmendmentStepDto {
  @ApiProperty({ enum: AmendmentStepNames, enumName: 'AmendmentStepName' })
  name: AmendmentStepName;
  /** `done`, or `failed` (a technical failure is retried and the step then appears again as done). */
  @ApiProperty({ enum: ['done', 'failed'], enumName: 'AmendmentStepStatus' })
  status: 'done' | 'failed';
  @ApiProperty({ format: 'date-time' })
  startedAt: string;
  @ApiProperty({ format: 'date-time' })
  finishedAt: string;
  /** Ids in the systems the step touched (e.g. `psaRateCardVersionId`, `milestone_<n>`). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  vendorIds?: Record<string, string>;
  error?: string;
}

/** The rate-card version the amendment put in force: every role's rate from the effective date. */
@ApiSchema({ name: 'AmendmentRateCardVersion' })
export class AmendmentRateCardVersionDto {
  /** The PSA rate card it was written to (null: the PSA has no card in the contract currency). */
  @ApiProperty({ type: String, nullable: true })
  rateCardId: string | null;
  /** The PSA version written (null until propagated). */
  @ApiProperty({ type: String, nullable: true })
  versionId: string | null;
  @ApiProperty({ ...ISO_DATE_PROPERTY })
  effectiveFrom: string;
  @ApiProperty({ type: () => [BillRateDto] })
  billRates: BillRateDto[];
}

/** A contract amendment and its propagation. */
@ApiSchema({ name: 'ContractAmendment' })
export class AmendmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  projectCode: string;
  /** Canonical project id. */
  projectId: string;
  legalEntity: string;
  /** 1, 2, 3... in the project's history. */
  @ApiProperty({ type: 'integer' })
  sequence: number;
  @ApiProperty(ISO_DATE_PROPERTY)
  effectiveDate: string;
  reason: string;
  changes: AmendmentChangesDto;
  /** `pending` (recorded), `in-progress`, `applied` (in every system), `exception` (a system refused it: see the business exception). */
  @ApiProperty({ enum: AmendmentStatuses, enumName: 'AmendmentStatus' })
  status: AmendmentStatus;
  @ApiProperty({ type: () => [AmendmentStepDto] })
  steps: AmendmentStepDto[];
  @ApiPropertyOptional({ type: () => AmendmentRateCardVersionDto })
  rateCardVersion?: AmendmentRateCardVersionDto;
  /** Why it stopped, or the last technical error while retrying. */
  lastError?: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  @ApiPropertyOptional({ format: 'date-time' })
  appliedAt?: string;
}

/** A project's amendments, oldest first: its contract history. */
@ApiSchema({ name: 'ContractAmendmentList' })
export class AmendmentListDto {
  @ApiProperty({ type: () => [AmendmentDto] })
  items: AmendmentDto[];
  @ApiProperty({ type: 'integer' })
  total: number;
}
