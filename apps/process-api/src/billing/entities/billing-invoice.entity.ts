import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintColumn } from './bigint.transformer';

/** The vendor steps of an invoice, in order. */
export const InvoiceSteps = [
  'billing-customer',
  'billing-create',
  'billing-finalize',
  'billing-send',
  'erp-create',
  'erp-post',
  'psa-invoice',
  'crm-invoice',
] as const;
export type InvoiceStep = (typeof InvoiceSteps)[number];

/** `pending` (steps to do), `done` (every step), `failed` (a vendor refused a step for good: an exception). */
export const BillingInvoiceStatuses = ['pending', 'done', 'failed'] as const;
export type BillingInvoiceStatus = (typeof BillingInvoiceStatuses)[number];

export interface InvoiceStepRecord {
  step: InvoiceStep;
  at: string;
  vendorId?: string;
}

/**
 * An invoice composed by a run. Its id is derived from its own identity (customer, project, currency,
 * period and the exact set of items it bills), never from the run, and is the canonical id every vendor
 * create carries: a rerun or retry finds the same invoice.
 */
@Entity({ name: 'billing_invoices' })
@Index('billing_invoices_run_idx', ['runId'])
@Index('billing_invoices_project_idx', ['projectId', 'periodFrom'])
export class BillingInvoiceEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId: string;

  @Column({ name: 'contract_id', type: 'text' })
  contractId: string;

  @Column({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'customer_country', type: 'char', length: 2, nullable: true })
  customerCountry: string | null;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'subtotal_minor', type: 'bigint', transformer: bigintColumn })
  subtotalMinor: bigint;

  @Column({ name: 'tax_minor', type: 'bigint', transformer: bigintColumn })
  taxMinor: bigint;

  @Column({ name: 'total_minor', type: 'bigint', transformer: bigintColumn })
  totalMinor: bigint;

  @Column({ type: 'varchar', length: 16 })
  status: BillingInvoiceStatus;

  /** Steps done so far, in order, with the vendor's id. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  steps: InvoiceStepRecord[];

  @Column({ name: 'billing_invoice_id', type: 'text', nullable: true })
  billingInvoiceId: string | null;

  @Column({ name: 'erp_invoice_id', type: 'text', nullable: true })
  erpInvoiceId: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
