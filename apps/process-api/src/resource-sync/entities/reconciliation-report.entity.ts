import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MismatchKind, MismatchOutcome, ReconciliationSystem } from '../resource-sync.constants';

export interface StoredMismatch {
  workerId: string;
  legalEntity: string;
  kind: MismatchKind;
  system: ReconciliationSystem;
  expected: string | null;
  actual: string | null;
  outcome: MismatchOutcome;
  detail: string;
}

/** One run of the resource reconciliation (HRIS vs PSA vs ERP) with every mismatch it found. */
@Entity({ name: 'resource_reconciliations' })
@Index('resource_reconciliations_entity_idx', ['legalEntity', 'startedAt'])
export class ReconciliationReportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  trigger: string;

  /** One report per legal entity and run: the HRIS workers of that entity. */
  @Column({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  /** Run id shared by the reports of one reconciliation (one per legal entity). */
  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'workers_compared', type: 'int' })
  workersCompared: number;

  @Column({ type: 'jsonb' })
  mismatches: StoredMismatch[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;
}
