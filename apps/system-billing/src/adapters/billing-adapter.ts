import type {
  CreditNoteReason,
  CreditNoteSettlement,
  CustomerDto,
  InvoiceDto,
  InvoiceStatus,
  Money,
} from '@app/contracts';

/** A customer as the billing platform holds it. */
export interface BillingCustomer {
  vendorId: string;
  /** Canonical id found in the vendor record (metadata), when it carries one. */
  canonicalId?: string;
  name?: string;
  email?: string;
  /** The canonical fields the vendor keeps for us (metadata), to rebuild the canonical customer. */
  canonical: Partial<CustomerDto>;
}

/** An invoice's state at the billing platform, vendor-neutral. */
export interface BillingInvoiceState {
  vendorId: string;
  canonicalId?: string;
  status: InvoiceStatus;
  number?: string;
  currency: string;
  total: Money;
  amountPaid: Money;
  amountRemaining: Money;
  /** Invoice date (finalization), YYYY-MM-DD. */
  issueDate?: string;
  dueDate?: string;
  finalizedAt?: string;
  paidAt?: string;
  voidedAt?: string;
  attemptCount: number;
  nextAttemptAt?: string;
  lastFailureCode?: string;
  lastFailureMessage?: string;
  /** Paid outside the platform (bank transfer, cheque) rather than by a platform charge. */
  paidOutOfBand: boolean;
}

export type BillingEventType =
  'invoice.finalized' | 'invoice.paid' | 'invoice.partially_paid' | 'invoice.payment_failed' | 'invoice.voided';

/** A verified vendor webhook, vendor-neutral. `type` undefined: an event we do not publish. */
export interface BillingWebhookEvent {
  vendorEventId: string;
  type?: BillingEventType;
  occurredAt: string;
  invoice?: BillingInvoiceState;
}

/** A search of the vendor's invoices by what system-billing stamps on them (metadata). */
export interface InvoiceSearch {
  projectId?: string;
  customerVendorId?: string;
  /** Created on or after (inclusive). */
  createdFrom?: Date;
  /** Created on or before (inclusive). */
  createdTo?: Date;
  /** 1..100. */
  limit: number;
  /** The previous page's `nextPage`. */
  page?: string;
}

export interface CreateInvoiceOptions {
  customerVendorId: string;
  /** Net days after the invoice date. */
  daysUntilDue: number;
  /** The create may have been attempted so long ago that the vendor forgot its idempotency key. */
  lookUpFirst: boolean;
}

/**
 * What system-billing needs from a billing platform. One implementation per vendor
 * (adapters/<vendor>/); callers inject BILLING_ADAPTER and never see the vendor's format. Every
 * create is safe to retry: the same canonical object never yields two vendor objects.
 */
export interface BillingAdapter {
  /** Lowercase system name, the key in `crossReferences` (e.g. `stripe`). */
  readonly system: string;

  createCustomer(customer: CustomerDto, lookUpFirst: boolean): Promise<BillingCustomer>;
  getCustomer(vendorId: string): Promise<BillingCustomer | undefined>;

  /** Creates the invoice and its lines (and tax) as a draft; returns the vendor invoice. */
  createInvoice(invoice: InvoiceDto, options: CreateInvoiceOptions): Promise<BillingInvoiceState>;
  getInvoice(vendorId: string): Promise<BillingInvoiceState | undefined>;
  /** Invoices matching the search, newest first, one page (`nextPage` when there are more). */
  searchInvoices(search: InvoiceSearch): Promise<{ items: BillingInvoiceState[]; nextPage?: string }>;
  finalizeInvoice(vendorId: string): Promise<BillingInvoiceState>;
  sendInvoice(vendorId: string): Promise<BillingInvoiceState>;
  voidInvoice(vendorId: string): Promise<BillingInvoiceState>;

  /**
   * Issues a credit note (safe to repeat: the same `id` finds the note already issued, the same
   * idempotency key replays the vendor's answer); `created` false when it existed.
   */
  createCreditNote(request: CreateCreditNoteRequest): Promise<{ note: BillingCreditNote; created: boolean }>;
  /** Every credit note of an invoice (all pages), oldest first. */
  listCreditNotes(invoiceVendorId: string): Promise<BillingCreditNote[]>;

  /** Verifies a webhook's signature on its raw body; throws a problem when it is not authentic. */
  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): BillingWebhookEvent;
}

/** A credit note at the billing platform, vendor-neutral (amounts in the invoice currency). */
export interface BillingCreditNote {
  vendorId: string;
  canonicalId?: string;
  invoiceVendorId: string;
  number: string;
  status: 'issued' | 'void';
  amount: Money;
  prePaymentAmount: Money;
  postPaymentAmount: Money;
  reason?: CreditNoteReason;
  memo?: string;
  settlement?: CreditNoteSettlement;
  lines: Array<{ invoiceLineId?: string; description?: string; amount: Money }>;
  createdAt: string;
}

/** What to credit: a total, or lines (canonical invoice line ids, or custom lines). */
export interface CreateCreditNoteRequest {
  /** Canonical credit note id (kept in the vendor's metadata). */
  id: string;
  /** The vendor idempotency key of the create, derived from the caller's key or the credit note's id. */
  idempotencyKey: string;
  invoice: InvoiceDto;
  invoiceVendorId: string;
  amountMinor?: number;
  lines?: Array<{ invoiceLineId?: string; description?: string; amountMinor?: number }>;
  reason?: CreditNoteReason;
  memo?: string;
  /** Where a credit beyond the amount still due goes. */
  settlement: CreditNoteSettlement;
}

export const BILLING_ADAPTER = Symbol('BILLING_ADAPTER');
