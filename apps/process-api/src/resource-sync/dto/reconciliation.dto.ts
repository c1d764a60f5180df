import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import {
  MismatchKinds,
  MismatchOutcomes,
  ReconciliationSystems,
  ReconciliationTriggers,
  type MismatchKind,
  type MismatchOutcome,
  type ReconciliationSystem,
  type ReconciliationTrigger,
} from '../resource-sync.constants';
import { PageQueryDto } from '../../common/page-query.dto';

const LEGAL_ENTITY = /^[A-Z]{2}-[0-9A-Z]{2,10}$/;

/** One worker that the systems disagree on. */
@ApiSchema({ name: 'WorkerMismatch' })
export class WorkerMismatchDto {
  /** Canonical worker id (employee number). */
  workerId: string;

  legalEntity: string;

  @ApiProperty({ enum: MismatchKinds, enumName: 'WorkerMismatchKind' })
  kind: MismatchKind;

  /** The system that disagrees with the HRIS (`hris`: the state the sync last applied). */
  @ApiProperty({ enum: ReconciliationSystems, enumName: 'ReconciledSystem' })
  system: ReconciliationSystem;

  /** What the HRIS says. */
  @ApiProperty({ type: String, nullable: true })
  expected: string | null;

  /** What the system holds (null when missing). */
  @ApiProperty({ type: String, nullable: true })
  actual: string | null;

  /** `fixed`: the sync corrected it; `exception-raised`: a person must act (business exception). */
  @ApiProperty({ enum: MismatchOutcomes, enumName: 'WorkerMismatchOutcome' })
  outcome: MismatchOutcome;

  detail: string;
}

/** A resource reconciliation report: one legal entity's workers in one run. */
@ApiSchema({ name: 'ResourceReconciliation' })
export class ReconciliationReportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** Shared by the reports of one run (one per legal entity). */
  @ApiProperty({ format: 'uuid' })
  runId: string;

  @ApiProperty({ enum: ReconciliationTriggers, enumName: 'ReconciliationTrigger' })
  trigger: ReconciliationTrigger;

  legalEntity: string;

  /** HRIS workers of the entity compared. */
  @ApiProperty({ type: 'integer' })
  workersCompared: number;

  @ApiProperty({ type: () => [WorkerMismatchDto] })
  mismatches: WorkerMismatchDto[];

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time' })
  finishedAt: string;
}

@ApiSchema({ name: 'ResourceReconciliationList' })
export class ReconciliationListDto {
  @ApiProperty({ type: () => [ReconciliationReportDto] })
  items: ReconciliationReportDto[];

  @ApiProperty({ type: 'integer' })
  total: number;

  @ApiProperty({ type: 'integer' })
  limit: number;

  @ApiProperty({ type: 'integer' })
  offset: number;
}

/** A reconciliation run started (or joined when one was already running). */
@ApiSchema({ name: 'ResourceReconciliationRun' })
export class ReconciliationRunDto {
  @ApiProperty({ format: 'uuid' })
  runId: string;

  /** True when a run was already in flight: this is its id. */
  joined: boolean;

  /** Where its reports are listed once it finishes. */
  reports: string;
}

export class ListReconciliationsQueryDto extends PageQueryDto {
  /** Only the reports of one run (the id a POST answered). */
  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  runId?: string;

  /** Only the reports of this legal entity, e.g. `US-01`. */
  @IsOptional()
  @IsString()
  @Matches(LEGAL_ENTITY, { message: 'legalEntity must be a legal entity id such as US-01' })
  legalEntity?: string;
}

export class ReconciliationIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
