import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `preview` (dry run: shown, never billed), `awaiting-approval` (preview shown, waiting for a second person),
 * `running` (approved: assignments committed, invoices going to the vendors), `completed`, `completed-with-errors`.
 */
export const BillingRunStatuses = [
  'preview',
  'awaiting-approval',
  'running',
  'completed',
  'completed-with-errors',
] as const;
export type BillingRunStatus = (typeof BillingRunStatuses)[number];

export interface BillingRunError {
  invoiceId?: string;
  step?: string;
  message: string;
  at: string;
}

/** A billing run over a period and legal entity: its preview, who started and approved it, its progress. */
@Entity({ name: 'billing_runs' })
@Index('billing_runs_status_idx', ['status', 'leaseUntil'])
export class BillingRunEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  status: BillingRunStatus;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Column({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  @Column({ type: 'jsonb', nullable: true })
  customers: string[] | null;

  @Column({ type: 'jsonb', nullable: true })
  projects: string[] | null;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun: boolean;

  /** The preview as composed when the run started (invoices, lines, totals, held items); jsonb, amounts as strings. */
  @Column({ type: 'jsonb' })
  preview: unknown;

  @Column({ name: 'started_by', type: 'text' })
  startedBy: string;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'invoices_total', type: 'int', default: 0 })
  invoicesTotal: number;

  @Column({ name: 'invoices_done', type: 'int', default: 0 })
  invoicesDone: number;

  @Column({ name: 'invoices_failed', type: 'int', default: 0 })
  invoicesFailed: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: BillingRunError[];

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
