import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StripeParam, StripeParams } from '../common/form-params';
import {
  allowOnly,
  mergeMetadata,
  nowSeconds,
  optArray,
  optBool,
  optEnum,
  optInt,
  optObject,
  optString,
  reqString,
} from '../common/params';
import { StripeApiError } from '../common/stripe-api.error';
import { newStripeId } from '../common/stripe-request';
import { StripeEventsService } from '../events/stripe-events.service';
import { StripeObject, StripeStore } from '../store/stripe-store';

type Obj = StripeObject & Record<string, any>;

/** Who asked, for the event's `request` field. */
export interface RequestInfo {
  id: string;
  idempotencyKey?: string;
}

const CUSTOMER_PARAMS = [
  'name',
  'email',
  'description',
  'phone',
  'metadata',
  'address',
  'expand',
  'invoice_prefix',
  'preferred_locales',
  'tax_exempt',
];
const ITEM_PARAMS = [
  'customer',
  'amount',
  'currency',
  'unit_amount',
  'unit_amount_decimal',
  'quantity',
  'invoice',
  'description',
  'period',
  'metadata',
  'discountable',
  'expand',
];
const INVOICE_PARAMS = [
  'customer',
  'auto_advance',
  'collection_method',
  'days_until_due',
  'due_date',
  'description',
  'metadata',
  'pending_invoice_items_behavior',
  'currency',
  'footer',
  'expand',
];
const CREDIT_NOTE_PARAMS = [
  'invoice',
  'amount',
  'lines',
  'reason',
  'memo',
  'metadata',
  'out_of_band_amount',
  'credit_amount',
  'expand',
];
const REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const;

function notFoundParam(object: string, id: string, param: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${object}: '${id}'`,
  });
}

function notEditable(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'invoice_not_editable', message });
}

function currencyOf(params: StripeParams, name = 'currency'): string | undefined {
  const c = optString(params, name);
  if (c === undefined || c === '') return undefined;
  if (!/^[a-zA-Z]{3}$/.test(c)) throw StripeApiError.invalid(`Invalid currency: ${c}.`, name);
  return c.toLowerCase();
}

function lineIdOf(itemId: string): string {
  return `il_${itemId.slice(3)}`;
}

function prefixFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  let s = '';
  for (let i = 0; i < 8; i++) {
    s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[h % 36];
    h = Math.floor(h / 36) + (i + 7) * 104729;
  }
  return s;
}

/**
 * Stripe Billing's rules for customers, invoice items, invoices and credit notes. Writes are
 * serialised (one at a time per sandbox instance) and each runs in one transaction with the events
 * it emits; webhooks go out after commit.
 */
@Injectable()
export class StripeBillingService {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: StripeStore,
    private readonly events: StripeEventsService,
    private readonly dataSource: DataSource,
  ) {}

  /** Runs one write alone, in a transaction; deliveries are kicked after commit. */
  write<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const run = this.chain.then(() => this.dataSource.transaction(fn));
    this.chain = run.catch(() => undefined);
    return run.finally(() => this.events.kick());
  }

  // ---------------------------------------------------------------- customers

  createCustomer(params: StripeParams): Promise<Obj> {
    allowOnly(params, CUSTOMER_PARAMS);
    const id = newStripeId('cus', 14);
    const customer: Obj = {
      id,
      object: 'customer',
      address: optObject(params, 'address') ?? null,
      balance: 0,
      created: nowSeconds(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: optString(params, 'description') ?? null,
      discount: null,
      email: this.email(params),
      invoice_prefix: optString(params, 'invoice_prefix') ?? prefixFor(id),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: mergeMetadata({}, params),
      name: optString(params, 'name') ?? null,
      next_invoice_sequence: 1,
      phone: optString(params, 'phone') ?? null,
      preferred_locales: (optArray(params, 'preferred_locales') as string[] | undefined) ?? [],
      shipping: null,
      tax_exempt: optEnum(params, 'tax_exempt', ['none', 'exempt', 'reverse'] as const) ?? 'none',
      test_clock: null,
    };
    return this.write(async (m) => {
      await this.store.save(customer, m);
      return customer;
    });
  }

  updateCustomer(id: string, params: StripeParams): Promise<Obj> {
    allowOnly(params, CUSTOMER_PARAMS);
    return this.write(async (m) => {
      const c = await this.store.get<Obj>('customer', id, 'id', m);
      for (const k of ['name', 'description', 'phone', 'invoice_prefix'] as const) {
        const v = optString(params, k);
        if (v !== undefined) c[k] = v === '' ? null : v;
      }
      if (params.email !== undefined) c.email = this.email(params);
      if (params.address !== undefined) c.address = optObject(params, 'address') ?? null;
      c.metadata = mergeMetadata(c.metadata ?? {}, params);
      await this.store.save(c, m);
      return c;
    });
  }

  async deleteCustomer(id: string): Promise<Obj> {
    return this.write(async (m) => {
      await this.store.get('customer', id, 'id', m);
      await this.store.delete(id, m);
      return { id, object: 'customer', deleted: true };
    });
  }

  private email(params: StripeParams): string | null {
    const email = optString(params, 'email');
    if (email === undefined || email === '') return null;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'email_invalid',
        param: 'email',
        message: `Invalid email address: ${email}`,
      });
    }
    return email;
  }

  // ---------------------------------------------------------------- invoice items

  createInvoiceItem(params: StripeParams): Promise<Obj> {
    allowOnly(params, ITEM_PARAMS);
    const customerId = reqString(params, 'customer');
    const amount = optInt(params, 'amount');
    const unitAmount = optInt(params, 'unit_amount');
    const unitDecimal = optString(params, 'unit_amount_decimal');
    const quantity = optInt(params, 'quantity', 0) ?? 1;
    let currency = currencyOf(params);
    if (amount !== undefined && (unitAmount !== undefined || unitDecimal !== undefined)) {
      throw StripeApiError.invalid('You may only specify one of these parameters: amount, unit_amount.', 'amount');
    }
    if (amount !== undefined && params.quantity !== undefined && quantity !== 1) {
      throw StripeApiError.invalid(
        'When passing amount, quantity must be 1 (or omitted); use unit_amount with quantity.',
        'quantity',
      );
    }
    let unit: number;
    let unitText: string;
    if (amount !== undefined) {
      unit = amount;
      unitText = String(amount);
    } else if (unitAmount !== undefined) {
      unit = unitAmount;
      unitText = String(unitAmount);
    } else if (unitDecimal !== undefined) {
      if (!/^-?\d+(\.\d{1,12})?$/.test(unitDecimal))
        throw StripeApiError.invalid(`Invalid decimal: ${unitDecimal}`, 'unit_amount_decimal');
      unit = Number(unitDecimal);
      unitText = unitDecimal;
    } else {
      throw StripeApiError.invalid(
        'You must specify either `amount`, `unit_amount`, `unit_amount_decimal` or `price_data`.',
        'amount',
        'parameter_missing',
      );
    }
    const total = amount ?? Math.round(unit * quantity);
    const period = optObject(params, 'period');
    const start = period ? optInt(period, 'start') : undefined;
    const end = period ? optInt(period, 'end') : undefined;
    if (period && (start === undefined || end === undefined))
      throw StripeApiError.missingParam(start === undefined ? 'period[start]' : 'period[end]');
    if (start !== undefined && end !== undefined && end < start) {
      throw StripeApiError.invalid('The period end must be after the period start.', 'period[end]');
    }
    const invoiceId = optString(params, 'invoice') || undefined;
    return this.write(async (m) => {
      const customer = await this.store.find<Obj>('customer', customerId, m);
      if (!customer) throw notFoundParam('customer', customerId, 'customer');
      let invoice: Obj | undefined;
      if (invoiceId) {
        invoice = await this.store.find<Obj>('invoice', invoiceId, m);
        if (!invoice) throw notFoundParam('invoice', invoiceId, 'invoice');
        if (invoice.customer !== customerId) {
          throw StripeApiError.invalid(`The invoice ${invoiceId} belongs to another customer.`, 'invoice');
        }
        if (invoice.status !== 'draft') {
          throw notEditable(
            `Invoice ${invoiceId} is no longer editable: you can only add invoice items to draft invoices.`,
          );
        }
        currency ??= invoice.currency as string;
        if (currency !== invoice.currency) {
          throw StripeApiError.invalid(
            `The currency of the invoice item (${currency}) must match the invoice's currency (${invoice.currency as string}).`,
            'currency',
          );
        }
      }
      if (!currency) throw StripeApiError.missingParam('currency');
      const now = nowSeconds();
      const item: Obj = {
        id: newStripeId('ii'),
        object: 'invoiceitem',
        amount: total,
        currency,
        customer: customerId,
        date: now,
        description: optString(params, 'description') ?? null,
        discountable: optBool(params, 'discountable') ?? true,
        discounts: [],
        invoice: invoiceId ?? null,
        livemode: false,
        metadata: mergeMetadata({}, params),
        net_amount: total,
        parent: null,
        period: { start: start ?? now, end: end ?? now },
        pricing: {
          type: 'price_details',
          price_details: { price: null, product: null },
          unit_amount_decimal: unitText,
        },
        proration: false,
        quantity,
        tax_rates: [],
        test_clock: null,
      };
      await this.store.save(item, m);
      if (invoice) await this.recompute(invoice, m);
      return item;
    });
  }

  updateInvoiceItem(id: string, params: StripeParams): Promise<Obj> {
    allowOnly(params, [
      'amount',
      'description',
      'metadata',
      'quantity',
      'unit_amount',
      'period',
      'discountable',
      'expand',
    ]);
    return this.write(async (m) => {
      const item = await this.store.get<Obj>('invoiceitem', id, 'id', m);
      const invoice = item.invoice ? await this.store.find<Obj>('invoice', item.invoice as string, m) : undefined;
      const onlyMetadata = Object.keys(params).every((k) => k === 'metadata' || k === 'expand');
      if (invoice && invoice.status !== 'draft' && !onlyMetadata) {
        throw notEditable(`Invoice item ${id} is on a finalized invoice and cannot be changed.`);
      }
      const amount = optInt(params, 'amount');
      const unit = optInt(params, 'unit_amount');
      const quantity = optInt(params, 'quantity', 0);
      if (quantity !== undefined) item.quantity = quantity;
      if (amount !== undefined) {
        item.amount = amount;
        item.pricing = { ...item.pricing, unit_amount_decimal: String(amount) };
      } else if (unit !== undefined || quantity !== undefined) {
        const u = unit ?? Number(item.pricing?.unit_amount_decimal ?? item.amount);
        item.amount = Math.round(u * (item.quantity as number));
        item.pricing = { ...item.pricing, unit_amount_decimal: String(u) };
      }
      item.net_amount = item.amount;
      const d = optString(params, 'description');
      if (d !== undefined) item.description = d === '' ? null : d;
      item.metadata = mergeMetadata(item.metadata ?? {}, params);
      await this.store.save(item, m);
      if (invoice) await this.recompute(invoice, m);
      return item;
    });
  }

  deleteInvoiceItem(id: string): Promise<Obj> {
    return this.write(async (m) => {
      const item = await this.store.get<Obj>('invoiceitem', id, 'id', m);
      const invoice = item.invoice ? await this.store.find<Obj>('invoice', item.invoice as string, m) : undefined;
      if (invoice && invoice.status !== 'draft')
        throw notEditable(`Invoice item ${id} is on a finalized invoice and cannot be deleted.`);
      await this.store.delete(id, m);
      if (invoice) await this.recompute(invoice, m);
      return { id, object: 'invoiceitem', deleted: true };
    });
  }

  // ---------------------------------------------------------------- invoices

  createInvoice(params: StripeParams, req: RequestInfo): Promise<Obj> {
    allowOnly(params, INVOICE_PARAMS);
    const customerId = reqString(params, 'customer');
    const method =
      optEnum(params, 'collection_method', ['charge_automatically', 'send_invoice'] as const) ?? 'charge_automatically';
    const daysUntilDue = optInt(params, 'days_until_due', 0, 730);
    const dueDate = optInt(params, 'due_date');
    if (method === 'send_invoice' && daysUntilDue === undefined && dueDate === undefined) {
      throw StripeApiError.invalid(
        'Missing required param: days_until_due or due_date (required when collection_method is send_invoice).',
        'days_until_due',
        'parameter_missing',
      );
    }
    if (method === 'charge_automatically' && (daysUntilDue !== undefined || dueDate !== undefined)) {
      throw StripeApiError.invalid(
        `Can't set ${daysUntilDue !== undefined ? 'days_until_due' : 'due_date'} when collection_method is charge_automatically.`,
        daysUntilDue !== undefined ? 'days_until_due' : 'due_date',
      );
    }
    const pending = optEnum(params, 'pending_invoice_items_behavior', ['include', 'exclude'] as const) ?? 'exclude';
    const autoAdvance = optBool(params, 'auto_advance') ?? false;
    let currency = currencyOf(params);
    return this.write(async (m) => {
      const customer = await this.store.find<Obj>('customer', customerId, m);
      if (!customer) throw notFoundParam('customer', customerId, 'customer');
      const pendingItems =
        pending === 'include'
          ? (await this.store.all<Obj>('invoiceitem', { customer: customerId }, m)).filter((i) => i.invoice === null)
          : [];
      currency ??= (pendingItems[0]?.currency as string | undefined) ?? (customer.currency as string | null) ?? 'usd';
      const now = nowSeconds();
      const id = newStripeId('in');
      const invoice: Obj = {
        id,
        object: 'invoice',
        account_country: 'US',
        account_name: 'Sandbox Firm',
        amount_due: 0,
        amount_overpaid: 0,
        amount_paid: 0,
        amount_remaining: 0,
        amount_shipping: 0,
        application: null,
        attempt_count: 0,
        attempted: false,
        auto_advance: autoAdvance,
        automatic_tax: { enabled: false, liability: null, provider: null, status: null },
        automatically_finalizes_at: null,
        billing_reason: 'manual',
        collection_method: method,
        created: now,
        currency,
        custom_fields: null,
        customer: customerId,
        customer_address: customer.address ?? null,
        customer_email: customer.email ?? null,
        customer_name: customer.name ?? null,
        customer_phone: customer.phone ?? null,
        customer_shipping: null,
        customer_tax_exempt: customer.tax_exempt ?? 'none',
        customer_tax_ids: [],
        days_until_due: daysUntilDue ?? null,
        default_payment_method: null,
        default_source: null,
        default_tax_rates: [],
        description: optString(params, 'description') ?? null,
        discounts: [],
        due_date: dueDate ?? null,
        effective_at: null,
        ending_balance: null,
        footer: optString(params, 'footer') ?? null,
        from_invoice: null,
        hosted_invoice_url: null,
        invoice_pdf: null,
        issuer: { type: 'self' },
        last_finalization_error: null,
        latest_revision: null,
        lines: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/invoices/${id}/lines` },
        livemode: false,
        metadata: mergeMetadata({}, params),
        next_payment_attempt: null,
        number: null,
        on_behalf_of: null,
        parent: null,
        payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
        period_end: now,
        period_start: now,
        post_payment_credit_notes_amount: 0,
        pre_payment_credit_notes_amount: 0,
        receipt_number: null,
        rendering: null,
        shipping_cost: null,
        shipping_details: null,
        starting_balance: 0,
        statement_descriptor: null,
        status: 'draft',
        status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
        subtotal: 0,
        subtotal_excluding_tax: 0,
        test_clock: null,
        total: 0,
        total_discount_amounts: [],
        total_excluding_tax: 0,
        total_pretax_credit_amounts: [],
        total_taxes: [],
        webhooks_delivered_at: null,
      };
      for (const item of pendingItems.filter((i) => i.currency === currency)) {
        item.invoice = id;
        await this.store.save(item, m);
      }
      await this.recompute(invoice, m);
      await this.events.emit(m, 'invoice.created', invoice, undefined, this.req(req));
      return invoice;
    });
  }

  updateInvoice(id: string, params: StripeParams): Promise<Obj> {
    allowOnly(
      params,
      INVOICE_PARAMS.filter((p) => p !== 'customer' && p !== 'pending_invoice_items_behavior' && p !== 'currency'),
    );
    return this.write(async (m) => {
      const inv = await this.store.get<Obj>('invoice', id, 'id', m);
      const editable = Object.keys(params).filter(
        (k) => !['metadata', 'expand', 'auto_advance', 'description', 'footer'].includes(k),
      );
      if (inv.status !== 'draft' && editable.length > 0) {
        throw notEditable(
          `You can only update ${editable[0]} on a draft invoice; this invoice is ${inv.status as string}.`,
        );
      }
      const method = optEnum(params, 'collection_method', ['charge_automatically', 'send_invoice'] as const);
      if (method) inv.collection_method = method;
      const days = optInt(params, 'days_until_due', 0, 730);
      if (days !== undefined) inv.days_until_due = days;
      const due = optInt(params, 'due_date');
      if (due !== undefined) inv.due_date = due;
      const auto = optBool(params, 'auto_advance');
      if (auto !== undefined) inv.auto_advance = auto;
      for (const k of ['description', 'footer'] as const) {
        const v = optString(params, k);
        if (v !== undefined) inv[k] = v === '' ? null : v;
      }
      inv.metadata = mergeMetadata(inv.metadata ?? {}, params);
      await this.recompute(inv, m);
      return inv;
    });
  }

  deleteInvoice(id: string): Promise<Obj> {
    return this.write(async (m) => {
      const inv = await this.store.get<Obj>('invoice', id, 'id', m);
      if (inv.status !== 'draft') throw notEditable('You can only delete draft invoices.');
      for (const item of await this.store.all<Obj>('invoiceitem', { invoice: id }, m))
        await this.store.delete(item.id, m);
      await this.store.delete(id, m);
      return { id, object: 'invoice', deleted: true };
    });
  }

  finalize(id: string, params: StripeParams, req: RequestInfo): Promise<Obj> {
    allowOnly(params, ['auto_advance', 'expand']);
    return this.write(async (m) => {
      const inv = await this.store.get<Obj>('invoice', id, 'id', m);
      if (inv.status !== 'draft') {
        throw notEditable("This invoice is already finalized, you can't re-finalize a non-draft invoice.");
      }
      await this.finalizeDraft(inv, m, req);
      const auto = optBool(params, 'auto_advance');
      if (auto !== undefined) inv.auto_advance = auto;
      await this.recompute(inv, m);
      return inv;
    });
  }

  private async finalizeDraft(inv: Obj, m: EntityManager, req: RequestInfo): Promise<void> {
    const customer = await this.store.get<Obj>('customer', inv.customer as string, 'customer', m);
    const seq = customer.next_invoice_sequence as number;
    customer.next_invoice_sequence = seq + 1;
    await this.store.save(customer, m);
    const now = nowSeconds();
    inv.number = `${customer.invoice_prefix as string}-${String(seq).padStart(4, '0')}`;
    inv.status = 'open';
    inv.effective_at = now;
    inv.status_transitions = { ...inv.status_transitions, finalized_at: now };
    inv.hosted_invoice_url = `https://invoice.stripe.com/i/sandbox/${inv.id as string}`;
    inv.invoice_pdf = `https://pay.stripe.com/invoice/sandbox/${inv.id as string}/pdf`;
    inv.ending_balance = 0;
    if (inv.collection_method === 'send_invoice' && inv.due_date === null) {
      inv.due_date = now + (inv.days_until_due as number) * 86400;
    }
    await this.recompute(inv, m);
    await this.events.emit(m, 'invoice.finalized', inv, { status: 'draft' }, this.req(req));
    if ((inv.amount_remaining as number) <= 0) await this.markPaid(inv, m, req, 0);
  }

  send(id: string, params: StripeParams, req: RequestInfo): Promise<Obj> {
    allowOnly(params, ['expand']);
    return this.write(async (m) => {
      const inv = await this.store.get<Obj>('invoice', id, 'id', m);
      if (inv.status === 'draft') await this.finalizeDraft(inv, m, req);
      else if (inv.status !== 'open' && inv.status !== 'paid') {
        throw StripeApiError.invalid(
          `You can only send an invoice that is open or paid; this invoice is ${inv.status as string}.`,
        );
      }
      await this.events.emit(m, 'invoice.sent', inv, undefined, this.req(req));
      return inv;
    });
  }

  pay(id: string, params: StripeParams, req: RequestInfo): Promise<Obj> {
    allowOnly(params, ['paid_out_of_band', 'forgive', 'payment_method', 'source', 'off_session', 'expand']);
    const outOfBand = optBool(params, 'paid_out_of_band') ?? false;
    return this.write(async (m) => {
      const inv = await this.store.get<Obj>('invoice', id, 'id', m);
      if (inv.status === 'draft') await this.finalizeDraft(inv, m, req);
      if (inv.status === 'paid')
        throw StripeApiError.invalid('Invoice is already paid.', undefined, 'invoice_already_paid' as string);
      if (inv.status !== 'open') {
        throw StripeApiError.invalid(
          `This invoice can no longer be paid: it is ${inv.status as string}.`,
          undefined,
          'invoice_not_editable',
        );
      }
      if (outOfBand) {
        inv.paid_out_of_band = true;
        await this.markPaid(inv, m, req, inv.amount_remaining as number);
        return inv;
      }
      const customer = await this.store.get<Obj>('customer', inv.customer as string, 'customer', m);
      if ((customer.metadata as Record<string, string>)?.sandbox_card === 'declined') {
        await this.failPayment(inv, m, req, 'card_declined', 'Your card was declined.');
        return { declined: true, invoice: inv } as unknown as Obj;
      }
      await this.markPaid(inv, m, req, inv.amount_remaining as number);
      return inv;
    }).then((res) => {
      if ((res as unknown as { declined?: boolean }).declined) {
        throw new StripeApiError(402, {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'generic_decline',
          message: 'Your card was declined.',
        });
      }
      return res;
    });
  }

  voidInvoice(id: string, params: StripeParams, req: RequestInfo): Promise<Obj> {
    allowOnly(params, ['expand']);
    return this.write(async (m) => {
      const inv = await this.store.get<Obj>('invoice', id, 'id', m);
      if (inv.status !== 'open' && inv.status !== 'uncollectible') {
        throw StripeApiError.invalid(
          `You can only void an open or uncollectible invoice; this invoice is ${inv.status as string}.`,
          undefined,
          inv.status === 'draft' ? 'invoice_not_editable' : undefined,
        );
      }
      const previous = inv.status as string;
      inv.status = 'void';
      inv.status_transitions = { ...inv.status_transitions, voided_at: nowSeconds() };
      inv.next_payment_attempt = null;
      await this.recompute(inv, m);
      await this.events.emit(m, 'invoice.voided', inv, { status: previous }, this.req(req));
      return inv;
    });
  }

  markUncollectible(id: string, params: StripeParams, req: RequestInfo): Promise<Obj> {
    allowOnly(params, ['expand']);
    return this.write(async (m) => {
      const inv = await this.store.get<Obj>('invoice', id, 'id', m);
      if (inv.status !== 'open') {
        throw StripeApiError.invalid(
          `You can only mark an open invoice as uncollectible; this invoice is ${inv.status as string}.`,
        );
      }
      inv.status = 'uncollectible';
      inv.status_transitions = { ...inv.status_transitions, marked_uncollectible_at: nowSeconds() };
      await this.recompute(inv, m);
      await this.events.emit(m, 'invoice.marked_uncollectible', inv, { status: 'open' }, this.req(req));
      return inv;
    });
  }

  /**
   * Sandbox control: a payment attempt on an open invoice succeeds or fails now. A successful
   * `amount` below the amount remaining is a partial payment: `amount_paid` grows, the invoice stays
   * open and Stripe's `invoice.updated` carries the previous amounts.
   */
  simulatePayment(
    id: string,
    outcome: 'succeeded' | 'failed',
    failureCode = 'card_declined',
    amount?: number,
  ): Promise<Obj> {
    const req = { id: newStripeId('req', 14) };
    return this.write(async (m) => {
      const inv = await this.store.get<Obj>('invoice', id, 'id', m);
      if (inv.status !== 'open') throw StripeApiError.invalid(`The invoice is ${inv.status as string}, not open.`);
      const remaining = inv.amount_remaining as number;
      if (outcome === 'succeeded' && amount !== undefined && amount > remaining)
        throw StripeApiError.invalid(`The amount ${amount} exceeds the amount remaining ${remaining}.`);
      if (outcome === 'succeeded' && amount !== undefined && amount < remaining) {
        const previous = { amount_paid: inv.amount_paid, amount_remaining: remaining };
        inv.amount_paid = (inv.amount_paid as number) + amount;
        inv.attempted = true;
        inv.attempt_count = (inv.attempt_count as number) + 1;
        await this.recompute(inv, m);
        await this.events.emit(m, 'invoice.updated', inv, previous, this.req(req));
      } else if (outcome === 'succeeded') await this.markPaid(inv, m, req, remaining);
      else await this.failPayment(inv, m, req, failureCode, 'Your card was declined.');
      return inv;
    });
  }

  private async markPaid(inv: Obj, m: EntityManager, req: RequestInfo, amount: number): Promise<void> {
    inv.amount_paid = (inv.amount_paid as number) + amount;
    inv.attempted = true;
    if (amount > 0) inv.attempt_count = (inv.attempt_count as number) + 1;
    inv.status = 'paid';
    inv.next_payment_attempt = null;
    inv.status_transitions = { ...inv.status_transitions, paid_at: nowSeconds() };
    await this.recompute(inv, m);
    await this.events.emit(m, 'invoice.paid', inv, { status: 'open' }, this.req(req));
  }

  private async failPayment(
    inv: Obj,
    m: EntityManager,
    req: RequestInfo,
    code: string,
    message: string,
  ): Promise<void> {
    inv.attempted = true;
    inv.attempt_count = (inv.attempt_count as number) + 1;
    inv.next_payment_attempt = inv.collection_method === 'charge_automatically' ? nowSeconds() + 3 * 86400 : null;
    inv.last_finalization_error = null;
    inv.last_payment_error = { type: 'card_error', code, message };
    await this.recompute(inv, m);
    await this.events.emit(
      m,
      'invoice.payment_failed',
      inv,
      { attempt_count: (inv.attempt_count as number) - 1 },
      this.req(req),
    );
  }

  /** Lines and totals from the invoice's items and credit notes; saves the invoice. */
  async recompute(inv: Obj, m: EntityManager): Promise<void> {
    const items = await this.store.all<Obj>('invoiceitem', { invoice: inv.id }, m);
    const lines = items.map((i) => this.lineOf(i));
    const subtotal = lines.reduce((s, l) => s + (l.amount as number), 0);
    inv.subtotal = subtotal;
    inv.subtotal_excluding_tax = subtotal;
    inv.total = subtotal;
    inv.total_excluding_tax = subtotal;
    const due = Math.max(
      0,
      subtotal - (inv.starting_balance as number) * 0 - (inv.pre_payment_credit_notes_amount as number),
    );
    inv.amount_due = due;
    inv.amount_remaining =
      inv.status === 'void' || inv.status === 'paid' ? 0 : Math.max(0, due - (inv.amount_paid as number));
    inv.lines = {
      object: 'list',
      data: lines.slice(0, 10),
      has_more: lines.length > 10,
      total_count: lines.length,
      url: `/v1/invoices/${inv.id}/lines`,
    };
    if (items.length > 0) {
      inv.period_start = Math.min(...items.map((i) => (i.period as { start: number }).start));
      inv.period_end = Math.max(...items.map((i) => (i.period as { end: number }).end));
    }
    await this.store.save(inv, m);
  }

  lineOf(item: Obj): Obj {
    return {
      id: lineIdOf(item.id),
      object: 'line_item',
      amount: item.amount,
      currency: item.currency,
      description: item.description,
      discount_amounts: [],
      discountable: item.discountable,
      discounts: [],
      invoice: item.invoice,
      livemode: false,
      metadata: item.metadata,
      parent: {
        type: 'invoice_item_details',
        invoice_item_details: {
          invoice_item: item.id,
          proration: false,
          proration_details: { credited_items: null },
          subscription: null,
        },
        subscription_item_details: null,
      },
      period: item.period,
      pretax_credit_amounts: [],
      pricing: item.pricing,
      quantity: item.quantity,
      taxes: [],
    };
  }

  async lines(invoiceId: string): Promise<Obj[]> {
    await this.store.get('invoice', invoiceId);
    return (await this.store.all<Obj>('invoiceitem', { invoice: invoiceId })).map((i) => this.lineOf(i));
  }

  // ---------------------------------------------------------------- credit notes

  createCreditNote(params: StripeParams, req: RequestInfo): Promise<Obj> {
    allowOnly(params, CREDIT_NOTE_PARAMS);
    const invoiceId = reqString(params, 'invoice');
    const amountParam = optInt(params, 'amount', 1);
    const lineParams = optArray(params, 'lines');
    const reason = optEnum(params, 'reason', REASONS);
    return this.write(async (m) => {
      const inv = await this.store.find<Obj>('invoice', invoiceId, m);
      if (!inv) throw notFoundParam('invoice', invoiceId, 'invoice');
      if (inv.status !== 'open' && inv.status !== 'paid') {
        throw StripeApiError.invalid(
          `Credit notes can only be issued on open or paid invoices; this invoice is ${inv.status as string}.`,
          'invoice',
        );
      }
      const items = await this.store.all<Obj>('invoiceitem', { invoice: invoiceId }, m);
      const cnId = newStripeId('cn');
      const cnLines: Obj[] = [];
      (lineParams ?? []).forEach((raw: StripeParam, i: number) => {
        if (typeof raw !== 'object' || Array.isArray(raw)) throw StripeApiError.invalid('Invalid hash', `lines[${i}]`);
        const type = optEnum(raw, 'type', ['invoice_line_item', 'custom_line_item'] as const);
        if (!type) throw StripeApiError.missingParam(`lines[${i}][type]`);
        let amount: number;
        let description: string | null = optString(raw, 'description') ?? null;
        let quantity = optInt(raw, 'quantity', 0) ?? 1;
        let lineRef: string | null = null;
        if (type === 'invoice_line_item') {
          lineRef = optString(raw, 'invoice_line_item') ?? null;
          const item = items.find((it) => lineIdOf(it.id) === lineRef || it.id === lineRef);
          if (!item)
            throw StripeApiError.invalid(
              `No such invoice line item: '${lineRef ?? ''}'`,
              `lines[${i}][invoice_line_item]`,
              'resource_missing',
            );
          const explicit = optInt(raw, 'amount', 1);
          const q = optInt(raw, 'quantity', 0);
          if (explicit !== undefined) amount = explicit;
          else if (q !== undefined)
            amount = Math.round(((item.amount as number) / Math.max(1, item.quantity as number)) * q);
          else amount = item.amount as number;
          quantity = q ?? (item.quantity as number);
          description ??= item.description as string | null;
          if (amount > (item.amount as number))
            throw StripeApiError.invalid(
              'The credit amount of a line cannot exceed the line amount.',
              `lines[${i}][amount]`,
            );
        } else {
          const unit = optInt(raw, 'unit_amount', 0);
          if (unit === undefined) throw StripeApiError.missingParam(`lines[${i}][unit_amount]`);
          amount = unit * quantity;
        }
        cnLines.push({
          id: newStripeId('cnli'),
          object: 'credit_note_line_item',
          amount,
          description,
          discount_amount: 0,
          discount_amounts: [],
          invoice_line_item: lineRef,
          livemode: false,
          quantity,
          tax_rates: [],
          taxes: [],
          type,
          unit_amount: quantity > 0 ? Math.round(amount / quantity) : amount,
        });
      });
      const fromLines = cnLines.reduce((s, l) => s + (l.amount as number), 0);
      if (amountParam === undefined && cnLines.length === 0)
        throw StripeApiError.invalid('You must pass either `amount` or `lines`.', 'amount', 'parameter_missing');
      if (amountParam !== undefined && cnLines.length > 0 && amountParam !== fromLines) {
        throw StripeApiError.invalid(
          `The amount (${amountParam}) must equal the sum of the lines (${fromLines}).`,
          'amount',
        );
      }
      const amount = amountParam ?? fromLines;
      const credited =
        (inv.pre_payment_credit_notes_amount as number) + (inv.post_payment_credit_notes_amount as number);
      if (amount + credited > (inv.total as number)) {
        throw StripeApiError.invalid(
          `The credit note amount (${amount}) exceeds the invoice's remaining creditable amount (${(inv.total as number) - credited}).`,
          'amount',
        );
      }
      const prePayment = inv.status === 'open' ? Math.min(amount, inv.amount_remaining as number) : 0;
      const postPayment = amount - prePayment;
      // The post-payment part is allocated explicitly: customer balance credit plus credit outside of
      // Stripe must equal it (refunds are not simulated).
      const creditAmount = optInt(params, 'credit_amount', 0) ?? 0;
      const outOfBand = optInt(params, 'out_of_band_amount', 0) ?? 0;
      if (creditAmount + outOfBand !== postPayment) {
        throw StripeApiError.invalid(
          postPayment === 0
            ? `The invoice's amount remaining covers the credit note: credit_amount and out_of_band_amount must be 0 (they sum to ${creditAmount + outOfBand}).`
            : `The sum of credit amount, refund amount and out of band amount (${creditAmount + outOfBand}) must equal the credit note's post payment amount (${postPayment}).`,
          creditAmount > 0 ? 'credit_amount' : 'out_of_band_amount',
        );
      }
      let balanceTransaction: string | null = null;
      if (creditAmount > 0) {
        const customer = await this.store.get<Obj>('customer', inv.customer as string, 'id', m);
        customer.balance = (customer.balance as number) - creditAmount;
        await this.store.save(customer, m);
        balanceTransaction = newStripeId('cbtxn');
      }
      const existing = await this.store.all<Obj>('credit_note', { invoice: invoiceId }, m);
      const now = nowSeconds();
      const cn: Obj = {
        id: cnId,
        object: 'credit_note',
        amount,
        amount_shipping: 0,
        created: now,
        currency: inv.currency,
        customer: inv.customer,
        customer_balance_transaction: balanceTransaction,
        discount_amount: 0,
        discount_amounts: [],
        effective_at: now,
        invoice: invoiceId,
        lines: {
          object: 'list',
          data: cnLines,
          has_more: false,
          total_count: cnLines.length,
          url: `/v1/credit_notes/${cnId}/lines`,
        },
        livemode: false,
        memo: optString(params, 'memo') ?? null,
        metadata: mergeMetadata({}, params),
        number: `${inv.number as string}-CN-${String(existing.length + 1).padStart(2, '0')}`,
        out_of_band_amount: outOfBand || null,
        pdf: `https://pay.stripe.com/credit_notes/sandbox/${cnId}/pdf`,
        pre_payment_amount: prePayment,
        post_payment_amount: postPayment,
        reason: reason ?? null,
        refunds: [],
        status: 'issued',
        subtotal: amount,
        subtotal_excluding_tax: amount,
        total: amount,
        total_excluding_tax: amount,
        total_taxes: [],
        type: postPayment === 0 ? 'pre_payment' : prePayment === 0 ? 'post_payment' : 'mixed',
        voided_at: null,
      };
      await this.store.save(cn, m);
      inv.pre_payment_credit_notes_amount = (inv.pre_payment_credit_notes_amount as number) + prePayment;
      inv.post_payment_credit_notes_amount = (inv.post_payment_credit_notes_amount as number) + postPayment;
      await this.recompute(inv, m);
      if (inv.status === 'open' && (inv.amount_remaining as number) === 0)
        await this.markPaid(inv, m, { id: req.id, idempotencyKey: req.idempotencyKey }, 0);
      await this.events.emit(m, 'credit_note.created', cn, undefined, this.req(req));
      return cn;
    });
  }

  // ---------------------------------------------------------------- webhook endpoints

  createWebhookEndpoint(params: StripeParams): Promise<Obj> {
    allowOnly(params, ['url', 'enabled_events', 'description', 'metadata', 'api_version', 'expand']);
    const url = reqString(params, 'url');
    if (!/^https?:\/\/\S+$/.test(url)) throw StripeApiError.invalid(`Invalid URL: ${url}`, 'url', 'url_invalid');
    const events = optArray(params, 'enabled_events');
    if (!events || events.length === 0) throw StripeApiError.missingParam('enabled_events');
    const ep: Obj = {
      id: newStripeId('we'),
      object: 'webhook_endpoint',
      api_version: optString(params, 'api_version') ?? null,
      application: null,
      created: nowSeconds(),
      description: optString(params, 'description') ?? null,
      enabled_events: events as string[],
      livemode: false,
      metadata: mergeMetadata({}, params),
      secret: `whsec_${newStripeId('x', 32).slice(2)}`,
      status: 'enabled',
      url,
    };
    return this.write(async (m) => {
      await this.store.save(ep, m);
      return ep;
    });
  }

  deleteWebhookEndpoint(id: string): Promise<Obj> {
    return this.write(async (m) => {
      await this.store.get('webhook_endpoint', id, 'id', m);
      await this.store.delete(id, m);
      return { id, object: 'webhook_endpoint', deleted: true };
    });
  }

  private req(r: RequestInfo): { id: string; idempotency_key: string | null } {
    return { id: r.id, idempotency_key: r.idempotencyKey ?? null };
  }
}
