import type { MoneyDto } from '@app/contracts';
import type { UpsertOutcome } from './crm-adapter';

/** Payment states of an invoice on the CRM. */
export const CrmInvoiceStatuses = ['draft', 'open', 'partially_paid', 'paid', 'overdue', 'voided'] as const;
export type CrmInvoiceStatus = (typeof CrmInvoiceStatuses)[number];

/** An invoice as the CRM shows it to the account team (canonical ids, integer minor units). */
export interface CrmInvoiceFields {
  /** Canonical account (customer) id. */
  customerId: string;
  opportunityId?: string;
  contractId?: string;
  projectId?: string;
  number?: string;
  status: CrmInvoiceStatus;
  currency: string;
  total: MoneyDto;
  amountPaid: MoneyDto;
  amountRemaining: MoneyDto;
  invoiceDate?: string;
  dueDate?: string;
  paidDate?: string;
}

export interface CrmInvoice extends CrmInvoiceFields {
  id: string;
  crossReferences: Record<string, string>;
}

/** Invoice records on the CRM, upserted by canonical invoice id. One implementation per vendor. */
export interface CrmInvoiceAdapter {
  readonly system: string;
  /** Creates or updates the record of this canonical invoice (safe to retry: one record per id). */
  upsertInvoice(id: string, invoice: CrmInvoiceFields): Promise<UpsertOutcome<CrmInvoice>>;
  getInvoice(id: string): Promise<CrmInvoice | undefined>;
}

export const CRM_INVOICE_ADAPTER = Symbol('CRM_INVOICE_ADAPTER');
