import type { CustomerDto, InvoiceDto, InvoiceStatus, Money } from '@app/contracts';

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

export type BillingEventType = 'invoice.finalized' | 'invoice.paid' | 'invoice.payment_failed' | 'invoice.voided';

/** A verified vendor webhook, vendor-neutral. `type` undefined: an event we do not publish. */
export interface BillingWebhookEvent {
  vendorEventId: string;
  type?: BillingEventType;
  occurredAt: string;
  invoice?: BillingInvoiceState;
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
  finalizeInvoice(vendorId: string): Promise<BillingInvoiceState>;
  sendInvoice(vendorId: string): Promise<BillingInvoiceState>;
  voidInvoice(vendorId: string): Promise<BillingInvoiceState>;

  /** Verifies a webhook's signature on its raw body; throws a problem when it is not authentic. */
  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): BillingWebhookEvent;
}

export const BILLING_ADAPTER = Symbol('BILLING_ADAPTER');
