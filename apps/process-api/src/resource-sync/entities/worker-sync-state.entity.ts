import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the process layer last synchronised for one worker: the canonical, non-personal facts it
 * acts on (status, placement, role, cost rate amount) and what each target system answered. Names and
 * emails stay in the HRIS; personal fields never reach the process layer at all.
 */
@Entity({ name: 'worker_sync_states' })
@Index('worker_sync_states_legal_entity_idx', ['legalEntity', 'workerId'])
export class WorkerSyncStateEntity {
  /** Canonical worker id (employee number). */
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'cost_centre', type: 'text' })
  costCentre: string;

  @Column({ type: 'text' })
  location: string;

  @Column({ type: 'text' })
  role: string;

  /** Hourly cost rate sent to the ERP (integer minor units); bill rates never come from it. */
  @Column({ name: 'cost_rate_minor', type: 'bigint', nullable: true, transformer: bigintNumber() })
  costRateMinor: number | null;

  @Column({ name: 'cost_rate_currency', type: 'char', length: 3, nullable: true })
  costRateCurrency: string | null;

  @Column({ name: 'termination_date', type: 'date', nullable: true })
  terminationDate: string | null;

  /** Lifecycle kind of the last event applied (hire, transfer, leave, return, termination, update). */
  @Column({ name: 'last_lifecycle', type: 'varchar', length: 16 })
  lastLifecycle: string;

  /** HRIS time of the last change applied (events older than it are ignored). */
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId: string;

  /** `synced`, `failed` or `not-found` (PSA users are invited in Kantata, never created by API). */
  @Column({ name: 'psa_outcome', type: 'varchar', length: 32, nullable: true })
  psaOutcome: string | null;

  @Column({ name: 'erp_outcome', type: 'varchar', length: 32, nullable: true })
  erpOutcome: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export function bigintNumber() {
  return {
    to: (v: number | null | undefined) => v,
    from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
  };
}
