import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './worker-sync-state.entity';

/**
 * A time entry whose billing is held: booked by a worker who is terminated or on leave, dated after
 * the worker's end. Billing runs read the open holds (released_at null) and leave those entries out.
 */
@Entity({ name: 'billing_holds' })
@Index('billing_holds_entry_open_uq', ['timeEntryId'], { unique: true, where: 'released_at IS NULL' })
@Index('billing_holds_legal_entity_idx', ['legalEntity', 'createdAt'])
export class BillingHoldEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'time_entry_id', type: 'text' })
  timeEntryId: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId: string;

  @Column({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  @Column({ name: 'entry_date', type: 'date' })
  entryDate: string;

  @Column({ type: 'int' })
  minutes: number;

  /** Value at the role's bill rate (rate card), null when no rate card prices it. */
  @Column({ name: 'amount_minor', type: 'bigint', nullable: true, transformer: bigintNumber() })
  amountMinor: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;
}
