import type {
  AddressDto,
  CreditNoteReason,
  CustomerDto,
  CustomerStatus,
  InvoiceDto,
  InvoiceLineDto,
  InvoiceStatus,
} from '@app/contracts';
import { CustomerStatuses, money } from '@app/contracts';
import type Stripe from 'stripe';
import type { BillingCreditNote, BillingCustomer, BillingInvoiceState } from '../billing-adapter';

/** Metadata keys system-billing writes on Stripe objects (Stripe allows 50 keys, 40-character names). */
export const META = {
  canonicalId: 'canonical_id',
  legalEntityId: 'legal_entity_id',
  contractId: 'contract_id',
  projectId: 'project_id',
  currency: 'currency',
  paymentTermsDays: 'payment_terms_days',
  status: 'status',
  taxId: 'tax_id',
  legalName: 'legal_name',
  invoiceId: 'canonical_invoice_id',
  lineId: 'canonical_line_id',
  kind: 'canonical_kind',
  rateCardVersionId: 'rate_card_version_id',
  milestoneId: 'milestone_id',
  quantityMinutes: 'quantity_minutes',
} as const;

/** Invoice item kind of the separate tax item (Stripe Tax is not used: the firm's tax engine decides). */
export const TAX_KIND = 'tax';

/** Thrown when a Stripe object cannot be represented canonically. */
export class StripeMappingError extends Error {}

function isoDateOf(unixSeconds: number | null | undefined): string | undefined {
  return unixSeconds ? new Date(unixSeconds * 1000).toISOString().slice(0, 10) : undefined;
}

function isoTimeOf(unixSeconds: number | null | undefined): string | undefined {
  return unixSeconds ? new Date(unixSeconds * 1000).toISOString() : undefined;
}

/** YYYY-MM-DD -> unix seconds at 00:00 UTC (start) or 23:59:59 UTC (end, the day is inclusive). */
export function unixOfDate(date: string, endOfDay = false): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Math.floor(ms / 1000) + (endOfDay ? 86399 : 0);
}

function compact(meta: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) if (v !== undefined && v !== '') out[k] = String(v);
  return out;
}

// ------------------------------------------------------------------ customers

export function toStripeCustomerParams(c: CustomerDto): Stripe.CustomerCreateParams {
  const params: Stripe.CustomerCreateParams = {
    name: c.name,
    metadata: compact({
      [META.canonicalId]: c.id,
      [META.legalEntityId]: c.legalEntityId,
      [META.currency]: c.currency,
      [META.paymentTermsDays]: c.paymentTermsDays,
      [META.status]: c.status,
      [META.taxId]: c.taxId,
      [META.legalName]: c.legalName,
    }),
  };
  if (c.billingEmail) params.email = c.billingEmail;
  if (c.billingAddress) params.address = toStripeAddress(c.billingAddress);
  return params;
}

function toStripeAddress(a: AddressDto): Stripe.AddressParam {
  return {
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    state: a.region,
    postal_code: a.postalCode,
    country: a.countryCode,
  };
}

export function fromStripeCustomer(c: Stripe.Customer): BillingCustomer {
  const m = c.metadata ?? {};
  const terms = m[META.paymentTermsDays] !== undefined ? Number(m[META.paymentTermsDays]) : undefined;
  const status = (CustomerStatuses as readonly string[]).includes(m[META.status] ?? '')
    ? (m[META.status] as CustomerStatus)
    : undefined;
  const canonical: Partial<CustomerDto> = {
    name: c.name ?? undefined,
    legalName: m[META.legalName],
    status,
    legalEntityId: m[META.legalEntityId],
    currency: m[META.currency],
    paymentTermsDays: Number.isInteger(terms) ? terms : undefined,
    billingEmail: c.email ?? undefined,
    taxId: m[META.taxId],
  };
  if (c.address?.city && c.address.country && c.address.line1) {
    canonical.billingAddress = {
      line1: c.address.line1,
      line2: c.address.line2 ?? undefined,
      city: c.address.city,
      region: c.address.state ?? undefined,
      postalCode: c.address.postal_code ?? undefined,
      countryCode: c.address.country,
    } as AddressDto;
  }
  for (const k of Object.keys(canonical) as Array<keyof CustomerDto>)
    if (canonical[k] === undefined) delete canonical[k];
  return {
    vendorId: c.id,
    canonicalId: m[META.canonicalId],
    name: c.name ?? undefined,
    email: c.email ?? undefined,
    canonical,
  };
}

// ------------------------------------------------------------------ invoices

export function toStripeInvoiceParams(
  inv: InvoiceDto,
  customerVendorId: string,
  daysUntilDue: number,
): Stripe.InvoiceCreateParams {
  return {
    customer: customerVendorId,
    currency: inv.currency.toLowerCase(),
    collection_method: 'send_invoice',
    days_until_due: daysUntilDue,
    auto_advance: false,
    pending_invoice_items_behavior: 'exclude',
    metadata: compact({
      [META.canonicalId]: inv.id,
      [META.legalEntityId]: inv.legalEntityId,
      [META.contractId]: inv.contractId,
      [META.projectId]: inv.projectId,
    }),
  };
}

export function toStripeInvoiceItemParams(
  inv: InvoiceDto,
  line: InvoiceLineDto,
  customerVendorId: string,
  invoiceVendorId: string,
): Stripe.InvoiceItemCreateParams {
  const params: Stripe.InvoiceItemCreateParams = {
    customer: customerVendorId,
    invoice: invoiceVendorId,
    amount: line.amount.amountMinor,
    currency: line.amount.currency.toLowerCase(),
    description: line.description,
    metadata: compact({
      [META.invoiceId]: inv.id,
      [META.lineId]: line.id,
      [META.kind]: line.kind,
      [META.contractId]: line.contractId,
      [META.rateCardVersionId]: line.rateCardVersionId,
      [META.milestoneId]: line.milestoneId,
      [META.quantityMinutes]: line.quantityMinutes,
    }),
  };
  if (inv.periodStart && inv.periodEnd) {
    params.period = { start: unixOfDate(inv.periodStart), end: unixOfDate(inv.periodEnd, true) };
  }
  return params;
}

/** The canonical tax as its own invoice item (kind `tax`), or undefined when there is none. */
export function toStripeTaxItemParams(
  inv: InvoiceDto,
  customerVendorId: string,
  invoiceVendorId: string,
): Stripe.InvoiceItemCreateParams | undefined {
  if (inv.tax.amountMinor === 0) return undefined;
  return {
    customer: customerVendorId,
    invoice: invoiceVendorId,
    amount: inv.tax.amountMinor,
    currency: inv.tax.currency.toLowerCase(),
    description: 'Tax',
    metadata: { [META.invoiceId]: inv.id, [META.kind]: TAX_KIND },
  };
}

const STATUS: Record<Stripe.Invoice.Status, InvoiceStatus> = {
  draft: 'draft',
  open: 'finalized',
  paid: 'paid',
  void: 'void',
  uncollectible: 'uncollectible',
};

export function fromStripeInvoice(inv: Stripe.Invoice): BillingInvoiceState {
  if (!inv.status) throw new StripeMappingError(`stripe invoice ${inv.id} has no status`);
  const currency = inv.currency.toUpperCase();
  const t = inv.status_transitions ?? ({} as Stripe.Invoice.StatusTransitions);
  const lastError = (inv as unknown as { last_payment_error?: { code?: string; message?: string } }).last_payment_error;
  const state: BillingInvoiceState = {
    vendorId: inv.id as string,
    canonicalId: inv.metadata?.[META.canonicalId],
    status: STATUS[inv.status],
    number: inv.number ?? undefined,
    currency,
    total: money(inv.total, currency),
    amountPaid: money(inv.amount_paid, currency),
    amountRemaining: money(inv.amount_remaining, currency),
    issueDate: isoDateOf(t.finalized_at),
    dueDate: isoDateOf(inv.due_date),
    finalizedAt: isoTimeOf(t.finalized_at),
    paidAt: isoTimeOf(t.paid_at),
    voidedAt: isoTimeOf(t.voided_at),
    attemptCount: inv.attempt_count ?? 0,
    nextAttemptAt: isoTimeOf(inv.next_payment_attempt),
    lastFailureCode: lastError?.code,
    lastFailureMessage: lastError?.message,
    paidOutOfBand: (inv as unknown as { paid_out_of_band?: boolean }).paid_out_of_band === true,
  };
  for (const k of Object.keys(state) as Array<keyof BillingInvoiceState>) if (state[k] === undefined) delete state[k];
  return state;
}

/**
 * The canonical invoice as it stands at the billing platform: the composed invoice (lines, tax,
 * traceability) with the platform's status, number, dates and payments.
 */
export function mergeInvoiceState(composed: InvoiceDto, state: BillingInvoiceState, system: string): InvoiceDto {
  const amountPaid = money(state.amountPaid.amountMinor, composed.currency);
  const merged: InvoiceDto = {
    ...composed,
    crossReferences: { ...composed.crossReferences, [system]: state.vendorId },
    status: state.status,
    amountPaid,
    amountDue: money(composed.total.amountMinor - amountPaid.amountMinor, composed.currency),
  };
  if (state.number) merged.number = state.number;
  if (state.issueDate) merged.issueDate = state.issueDate;
  if (state.dueDate) merged.dueDate = state.dueDate;
  if (state.finalizedAt) merged.finalizedAt = state.finalizedAt;
  return merged;
}

/** A Stripe credit note, its lines named by canonical invoice line id (from the invoice's line items). */
export function fromStripeCreditNote(cn: Stripe.CreditNote, lineItems: Stripe.InvoiceLineItem[]): BillingCreditNote {
  const currency = cn.currency.toUpperCase();
  const settlement = cn.metadata?.canonical_settlement;
  const note: BillingCreditNote = {
    vendorId: cn.id,
    canonicalId: cn.metadata?.[META.canonicalId],
    invoiceVendorId: typeof cn.invoice === 'string' ? cn.invoice : cn.invoice.id,
    number: cn.number,
    status: cn.status === 'void' ? 'void' : 'issued',
    amount: money(cn.amount, currency),
    prePaymentAmount: money(cn.pre_payment_amount, currency),
    postPaymentAmount: money(cn.post_payment_amount, currency),
    lines: cn.lines.data.map((l) => {
      const item = l.invoice_line_item ? lineItems.find((i) => i.id === l.invoice_line_item) : undefined;
      const line: BillingCreditNote['lines'][number] = { amount: money(l.amount, currency) };
      const lineId = item?.metadata?.[META.lineId];
      if (lineId) line.invoiceLineId = lineId;
      if (l.description) line.description = l.description;
      return line;
    }),
    createdAt: new Date(cn.created * 1000).toISOString(),
  };
  if (cn.reason) note.reason = cn.reason.replace(/_/g, '-') as CreditNoteReason;
  if (cn.memo) note.memo = cn.memo;
  if (cn.post_payment_amount > 0 && (settlement === 'customer-balance' || settlement === 'outside'))
    note.settlement = settlement;
  return note;
}
