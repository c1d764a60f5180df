import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintColumn } from './bigint.transformer';

/** What a billable item bills: approved time, an approved expense, a completed milestone, a schedule item. */
export const BillableItemKinds = ['time', 'expense', 'milestone', 'fixed-fee', 'retainer'] as const;
export type BillableItemKind = (typeof BillableItemKinds)[number];

/**
 * `original` (first approval), `revision` (a later approval with other content), `reversal` (cancels an
 * earlier version: negative minutes or amount, never a silent change).
 */
export const BillableItemChanges = ['original', 'revision', 'reversal'] as const;
export type BillableItemChange = (typeof BillableItemChanges)[number];

/**
 * `open` (waiting for a run), `held` (not billable now: `holdReason`; every run looks again), `assigned`
 * (committed to an invoice line), `superseded` (replaced by a revision before it was billed: never billed,
 * nor its reversal), `covered` (time on a fixed-fee, milestone or retainer project: the fee bills it),
 * `not-billable` (approved as not billable).
 */
export const BillableItemStatuses = ['open', 'held', 'assigned', 'superseded', 'covered', 'not-billable'] as const;
export type BillableItemStatus = (typeof BillableItemStatuses)[number];

/**
 * One thing a customer may be billed for, with its source references. Versions of one source (a time
 * entry approved again with other minutes) are new rows: a reversal of the previous version and a
 * revision, never an update of what was approved.
 */
@Entity({ name: 'billable_items' })
@Index('billable_items_source_version_uq', ['kind', 'sourceId', 'version'], { unique: true })
@Index('billable_items_event_uq', ['sourceEventId', 'change'], { unique: true })
@Index('billable_items_project_date_idx', ['projectId', 'workDate'])
@Index('billable_items_status_date_idx', ['status', 'workDate'])
export class BillableItemEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: BillableItemKind;

  /** The PSA id of the time entry, expense or milestone; the schedule item id for fixed-fee and retainer. */
  @Column({ name: 'source_id', type: 'text' })
  sourceId: string;

  /** 1, 2, ... per source; a reversal takes its own version number. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  change: BillableItemChange;

  /** The version a reversal cancels (or a revision replaces). */
  @Column({ name: 'reverses_item_id', type: 'uuid', nullable: true })
  reversesItemId: string | null;

  /** The event it came from (the schedule item's id for fixed-fee and retainer items). */
  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId: string;

  @Column({ name: 'worker_id', type: 'text', nullable: true })
  workerId: string | null;

  @Column({ type: 'text', nullable: true })
  role: string | null;

  /** The work, expense, completion or due date. */
  @Column({ name: 'work_date', type: 'date' })
  workDate: string;

  /** Time: minutes (negative for a reversal). */
  @Column({ type: 'int', nullable: true })
  minutes: number | null;

  /** Expense, milestone, fixed-fee, retainer: the amount in minor units (negative for a reversal). */
  @Column({ name: 'amount_minor', type: 'bigint', nullable: true, transformer: bigintColumn })
  amountMinor: bigint | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'boolean' })
  billable: boolean;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'contract_id', type: 'text', nullable: true })
  contractId: string | null;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'varchar', length: 16 })
  status: BillableItemStatus;

  @Column({ name: 'hold_reason', type: 'varchar', length: 48, nullable: true })
  holdReason: string | null;

  @Column({ name: 'hold_detail', type: 'text', nullable: true })
  holdDetail: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
