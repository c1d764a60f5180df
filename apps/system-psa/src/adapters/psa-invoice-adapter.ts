import type { MoneyDto } from '@app/contracts';
import type { Created } from './psa-adapter';

/** Payment state of an invoice as the PSA shows it to project managers. */
export const PsaInvoiceStatuses = ['draft', 'open', 'partially_paid', 'paid', 'overdue', 'voided'] as const;
export type PsaInvoiceStatus = (typeof PsaInvoiceStatuses)[number];

/** States an invoice never leaves. */
export const FINAL_PSA_INVOICE_STATUSES: ReadonlySet<PsaInvoiceStatus> = new Set(['paid', 'voided']);

/** An invoice recorded in the PSA over approved work (the canonical invoice's id and number). */
export interface NewPsaInvoice {
  /** Canonical invoice id: the identity of the record (a retry returns the first one). */
  id: string;
  projectId: string;
  number?: string;
  invoiceDate?: string;
  dueDate?: string;
  timeEntryIds: string[];
  expenseIds: string[];
  milestoneIds: string[];
}

export interface PsaInvoice {
  id: string;
  crossReferences: Record<string, string>;
  projectId: string;
  number?: string;
  status: PsaInvoiceStatus;
  total: MoneyDto;
  amountRemaining: MoneyDto;
  invoiceDate?: string;
  dueDate?: string;
  paidDate?: string;
  timeEntryIds: string[];
  expenseIds: string[];
  milestoneIds: string[];
}

export interface PsaInvoicePaymentState {
  status: Exclude<PsaInvoiceStatus, 'draft'>;
  /** Minor units still due, in the invoice currency. */
  amountRemainingMinor: number;
  paidDate?: string;
}

/**
 * Invoices in the PSA: marking approved time, expenses and milestones invoiced under one invoice
 * record, and that record's payment state. One implementation per vendor, like PsaAdapter.
 */
export interface PsaInvoiceAdapter {
  readonly system: string;
  /**
   * Records the invoice once per canonical id. Items invoiced by another invoice: ConflictProblem
   * naming them; ids the PSA does not know: UnprocessableProblem naming the field.
   */
  createInvoice(invoice: NewPsaInvoice): Promise<Created<PsaInvoice>>;
  getInvoice(id: string): Promise<PsaInvoice | undefined>;
  /** Sets the payment state; undefined when there is no such invoice. */
  updatePaymentState(id: string, state: PsaInvoicePaymentState): Promise<PsaInvoice | undefined>;
}

export const PSA_INVOICE_ADAPTER = Symbol('PSA_INVOICE_ADAPTER');
