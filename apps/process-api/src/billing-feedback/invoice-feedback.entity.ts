import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintNumber = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/**
 * What the process layer last told the CRM and the PSA about one invoice the firm billed: its payment
 * state, kept so a redelivered or late event never moves it backwards (paid stays paid) and so the
 * overdue sweep knows which invoices are still open.
 */
@Entity({ name: 'invoice_feedback' })
@Index('invoice_feedback_open_due_idx', ['status', 'dueDate'])
export class InvoiceFeedbackEntity {
  /** Canonical invoice id. */
  @PrimaryColumn({ name: 'invoice_id', type: 'text' })
  invoiceId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;

  @Column({ name: 'contract_id', type: 'text', nullable: true })
  contractId: string | null;

  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'total_minor', type: 'bigint', transformer: bigintNumber })
  totalMinor: number;

  @Column({ name: 'amount_paid_minor', type: 'bigint', transformer: bigintNumber })
  amountPaidMinor: number;

  /** open | partially_paid | overdue | paid | voided. */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'issue_date', type: 'date', nullable: true })
  issueDate: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ name: 'paid_date', type: 'date', nullable: true })
  paidDate: string | null;

  /** What the PSA answered last: updated, no-psa-invoice (not recorded there), final (already paid/voided). */
  @Column({ name: 'psa_outcome', type: 'varchar', length: 32, nullable: true })
  psaOutcome: string | null;

  /** The event (or `sweep`) that last changed the state. */
  @Column({ name: 'last_cause', type: 'text' })
  lastCause: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
