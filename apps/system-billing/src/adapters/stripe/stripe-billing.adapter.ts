import type { CustomerDto, InvoiceDto } from '@app/contracts';
import { UnprocessableProblem } from '@app/platform';
import {
  ConflictProblem,
  DependencyRegistry,
  MetricsService,
  ProblemError,
  RateBudget,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
} from 'cockatiel';
import type { Gauge } from 'prom-client';
import Stripe from 'stripe';
import type {
  BillingAdapter,
  BillingCreditNote,
  BillingCustomer,
  CreateCreditNoteRequest,
  BillingEventType,
  BillingInvoiceState,
  BillingWebhookEvent,
  InvoiceSearch,
  CreateInvoiceOptions,
} from '../billing-adapter';
import { stripeConfig, StripeSettings } from './stripe.config';
import { RetryPolicy, withStripeRetry } from './stripe-call';
import { creditNoteFieldOf, isRetryable, STRIPE, stripeProblem } from './stripe-errors';
import {
  fromStripeCreditNote,
  fromStripeCustomer,
  fromStripeInvoice,
  META,
  TAX_KIND,
  toStripeCustomerParams,
  toStripeInvoiceItemParams,
  toStripeInvoiceParams,
  toStripeTaxItemParams,
} from './stripe-mapper';

const PUBLISHED: readonly string[] = ['invoice.finalized', 'invoice.paid', 'invoice.payment_failed', 'invoice.voided'];

/** `invoice.updated` where amount_paid grew and the invoice is still open with an amount remaining. */
function isPartialPayment(event: Stripe.InvoiceUpdatedEvent): boolean {
  const invoice = event.data.object;
  const previous = event.data.previous_attributes as { amount_paid?: number } | undefined;
  return (
    invoice.status === 'open' &&
    typeof previous?.amount_paid === 'number' &&
    invoice.amount_paid > previous.amount_paid &&
    invoice.amount_remaining > 0
  );
}

/** The Stripe SDK configured from STRIPE_API_URL, with its own retries off (ours rule). */
export function createStripeClient(config: StripeSettings): Stripe {
  const url = new URL(config.apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(config.secretKey, {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
    maxNetworkRetries: 0,
    timeout: config.timeoutMs,
    telemetry: false,
    appInfo: { name: 'ps-integration-gateway-system-billing' },
  });
}

/**
 * BillingAdapter for Stripe Billing through the official SDK. Every POST carries an Idempotency-Key
 * derived from the canonical id (`invoice:<id>:create`, `invoice:<id>:line:<lineId>`...), never a
 * random one, so a retry (ours, after a lost answer, or a caller's) never makes a second object; a
 * create first attempted longer ago than Stripe keeps keys looks the object up by metadata first.
 */
@Injectable()
export class StripeBillingAdapter implements BillingAdapter {
  readonly system = STRIPE;
  private readonly log = new Logger('StripeBillingAdapter');
  private readonly stripe: Stripe;
  private readonly budget: RateBudget;
  private readonly policy: RetryPolicy;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly circuitGauge?: Gauge<'target'>;

  constructor(
    @Inject(stripeConfig.KEY) private readonly config: StripeSettings,
    @Optional() metrics?: MetricsService,
    @Optional() dependencies?: DependencyRegistry,
  ) {
    this.stripe = createStripeClient(config);
    // Stripe failing (5xx, 429, unreachable) even after our retries: after `breakerThreshold` such calls
    // in a row the circuit opens and callers get a 503 at once, until a trial call succeeds.
    this.breaker = circuitBreaker(handleWhen(isRetryable), {
      halfOpenAfter: config.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(config.breakerThreshold),
    });
    this.circuitGauge = metrics?.gauge(
      'http_client_circuit_state',
      'Circuit breaker state per target: 0 closed, 1 open, 2 half-open',
      ['target'],
    );
    this.circuitGauge?.set({ target: STRIPE }, 0);
    this.breaker.onStateChange((state) => {
      this.circuitGauge?.set(
        { target: STRIPE },
        state === CircuitState.Closed ? 0 : state === CircuitState.HalfOpen ? 2 : 1,
      );
      this.log[state === CircuitState.Open ? 'warn' : 'log'](`circuit ${CircuitState[state].toLowerCase()} for stripe`);
    });
    dependencies?.register(
      STRIPE,
      () =>
        this.breaker.state === CircuitState.Open || this.breaker.state === CircuitState.Isolated
          ? { status: 'down', detail: 'circuit open after repeated failures' }
          : { status: 'up', detail: `circuit ${CircuitState[this.breaker.state].toLowerCase()}` },
      { kind: 'vendor', url: new URL(config.apiUrl).origin },
    );
    // Stripe's documented rate (25/s in test mode): calls beyond it wait here instead of drawing 429s
    this.budget = new RateBudget({ requestsPerSecond: config.requestsPerSecond });
    this.policy = {
      maxRetries: config.maxRetries,
      baseDelayMs: config.retryBaseMs,
      maxDelayMs: 2000,
      maxRetryAfterMs: config.maxRetryAfterMs,
    };
  }

  /** One Stripe call within our budget, retry policy and circuit breaker; failures become problems. */
  private async call<T>(
    action: string,
    fn: () => Promise<T>,
    fieldOf?: (param: string | undefined) => string | undefined,
  ): Promise<T> {
    try {
      return await this.breaker.execute(() =>
        withStripeRetry(
          this.policy,
          action,
          async () => {
            (await this.budget.acquire())();
            return fn();
          },
          this.log,
        ),
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new UpstreamUnavailableProblem(
          STRIPE,
          `${action}: stripe is unavailable (circuit open after repeated failures)`,
          {
            vendor: STRIPE,
            circuit: 'open',
          },
        );
      }
      throw stripeProblem(error, action, fieldOf);
    }
  }

  private async orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof ProblemError && e.status === 404) return undefined;
      throw e;
    }
  }

  // ---------------------------------------------------------------- customers

  async createCustomer(customer: CustomerDto, lookUpFirst: boolean): Promise<BillingCustomer> {
    if (lookUpFirst) {
      const found = await this.findCustomer(customer.id, customer.billingEmail);
      if (found) return fromStripeCustomer(found);
    }
    const created = await this.call('create customer', () =>
      this.stripe.customers.create(toStripeCustomerParams(customer), {
        idempotencyKey: `customer:${customer.id}:create`,
      }),
    );
    return fromStripeCustomer(created);
  }

  async getCustomer(vendorId: string): Promise<BillingCustomer | undefined> {
    const c = await this.orUndefined(this.call('get customer', () => this.stripe.customers.retrieve(vendorId)));
    if (!c || (c as Stripe.DeletedCustomer).deleted) return undefined;
    return fromStripeCustomer(c as Stripe.Customer);
  }

  private async findCustomer(canonicalId: string, email?: string): Promise<Stripe.Customer | undefined> {
    return this.call('find customer', async () => {
      for await (const c of this.stripe.customers.list({ limit: 100, ...(email ? { email } : {}) })) {
        if (c.metadata?.[META.canonicalId] === canonicalId) return c;
      }
      return undefined;
    });
  }

  // ---------------------------------------------------------------- invoices

  async createInvoice(inv: InvoiceDto, options: CreateInvoiceOptions): Promise<BillingInvoiceState> {
    const customer = options.customerVendorId;
    let invoice: Stripe.Invoice | undefined;
    if (options.lookUpFirst) invoice = await this.findInvoice(inv.id, customer);
    invoice ??= await this.call('create invoice', () =>
      this.stripe.invoices.create(toStripeInvoiceParams(inv, customer, options.daysUntilDue), {
        idempotencyKey: `invoice:${inv.id}:create`,
      }),
    );
    const invoiceId = invoice.id as string;
    const present = new Set<string>();
    if (options.lookUpFirst) {
      await this.call('list invoice items', async () => {
        for await (const item of this.stripe.invoiceItems.list({ invoice: invoiceId, limit: 100 })) {
          const m = item.metadata ?? {};
          present.add(m[META.kind] === TAX_KIND ? TAX_KIND : (m[META.lineId] ?? item.id));
        }
      });
    }
    const wanted: Array<{ key: string; id: string; params: Stripe.InvoiceItemCreateParams }> = inv.lines.map(
      (line) => ({
        key: `invoice:${inv.id}:line:${line.id}`,
        id: line.id,
        params: toStripeInvoiceItemParams(inv, line, customer, invoiceId),
      }),
    );
    const tax = toStripeTaxItemParams(inv, customer, invoiceId);
    if (tax) wanted.push({ key: `invoice:${inv.id}:tax`, id: TAX_KIND, params: tax });
    const missing = wanted.filter((w) => !present.has(w.id));
    if (missing.length > 0 && invoice.status !== 'draft') {
      throw new ConflictProblem(
        `stripe invoice ${invoiceId} is ${invoice.status ?? 'unknown'}: its missing lines cannot be added`,
        {
          vendor: STRIPE,
          vendorCode: 'invoice_not_editable',
        },
      );
    }
    for (const w of missing) {
      await this.call('create invoice item', () =>
        this.stripe.invoiceItems.create(w.params, { idempotencyKey: w.key }),
      );
    }
    return fromStripeInvoice(await this.call('get invoice', () => this.stripe.invoices.retrieve(invoiceId)));
  }

  private async findInvoice(canonicalId: string, customer: string): Promise<Stripe.Invoice | undefined> {
    return this.call('find invoice', async () => {
      for await (const i of this.stripe.invoices.list({ customer, limit: 100 })) {
        if (i.metadata?.[META.canonicalId] === canonicalId) return i;
      }
      return undefined;
    });
  }

  async getInvoice(vendorId: string): Promise<BillingInvoiceState | undefined> {
    const inv = await this.orUndefined(this.call('get invoice', () => this.stripe.invoices.retrieve(vendorId)));
    return inv ? fromStripeInvoice(inv) : undefined;
  }

  /**
   * Stripe's invoice search on the metadata system-billing writes (`project_id`) and the customer,
   * with `created` bounds; Search is eventually consistent at Stripe (an invoice may show up a
   * moment after its create).
   */
  async searchInvoices(search: InvoiceSearch): Promise<{ items: BillingInvoiceState[]; nextPage?: string }> {
    const clauses: string[] = [];
    const quoted = (v: string) => `'${v.replace(/['\\]/g, '')}'`;
    if (search.projectId) clauses.push(`metadata['${META.projectId}']:${quoted(search.projectId)}`);
    if (search.customerVendorId) clauses.push(`customer:${quoted(search.customerVendorId)}`);
    if (search.createdFrom) clauses.push(`created>=${Math.floor(search.createdFrom.getTime() / 1000)}`);
    if (search.createdTo) clauses.push(`created<=${Math.floor(search.createdTo.getTime() / 1000)}`);
    // Stripe's search needs a clause: every invoice was created after the epoch.
    if (clauses.length === 0) clauses.push('created>=0');
    const params: Stripe.InvoiceSearchParams = { query: clauses.join(' AND '), limit: search.limit };
    if (search.page) params.page = search.page;
    const res = await this.call('search invoices', () => this.stripe.invoices.search(params));
    return {
      items: res.data.map((inv) => fromStripeInvoice(inv)),
      nextPage: res.has_more && res.next_page ? res.next_page : undefined,
    };
  }

  private async current(vendorId: string): Promise<Stripe.Invoice> {
    return this.call('get invoice', () => this.stripe.invoices.retrieve(vendorId));
  }

  async finalizeInvoice(vendorId: string): Promise<BillingInvoiceState> {
    const inv = await this.current(vendorId);
    if (inv.status !== 'draft') return fromStripeInvoice(inv);
    return fromStripeInvoice(
      await this.call('finalize invoice', () =>
        this.stripe.invoices.finalizeInvoice(
          vendorId,
          { auto_advance: false },
          { idempotencyKey: `invoice:${vendorId}:finalize` },
        ),
      ),
    );
  }

  async sendInvoice(vendorId: string): Promise<BillingInvoiceState> {
    const inv = await this.current(vendorId);
    if (inv.status === 'draft') {
      throw new ConflictProblem('the invoice must be finalized before it is sent', {
        vendor: STRIPE,
        vendorCode: 'invoice_not_finalized',
      });
    }
    if (inv.status === 'void' || inv.status === 'uncollectible') {
      throw new ConflictProblem(`a ${inv.status} invoice cannot be sent`, {
        vendor: STRIPE,
        vendorCode: `invoice_${inv.status}`,
      });
    }
    return fromStripeInvoice(
      await this.call('send invoice', () =>
        this.stripe.invoices.sendInvoice(vendorId, {}, { idempotencyKey: `invoice:${vendorId}:send` }),
      ),
    );
  }

  async voidInvoice(vendorId: string): Promise<BillingInvoiceState> {
    const inv = await this.current(vendorId);
    if (inv.status === 'void') return fromStripeInvoice(inv);
    if (inv.status !== 'open' && inv.status !== 'uncollectible') {
      throw new ConflictProblem(`a ${inv.status ?? 'unknown'} invoice cannot be voided (only finalized, unpaid ones)`, {
        vendor: STRIPE,
        vendorCode: 'invoice_not_voidable',
      });
    }
    return fromStripeInvoice(
      await this.call('void invoice', () =>
        this.stripe.invoices.voidInvoice(vendorId, {}, { idempotencyKey: `invoice:${vendorId}:void` }),
      ),
    );
  }

  // ---------------------------------------------------------------- credit notes

  /**
   * Looks the note up by canonical id among the invoice's credit notes first (a repeat long after
   * Stripe forgot the key), then creates it with the derived Idempotency-Key. Lines name Stripe
   * invoice line items (found by the canonical line id in their metadata) or are custom lines; the
   * part beyond what is still due is allocated to the customer balance (`credit_amount`) or recorded
   * as credited outside Stripe (`out_of_band_amount`), as Stripe requires for post-payment credit.
   */
  async createCreditNote(req: CreateCreditNoteRequest): Promise<{ note: BillingCreditNote; created: boolean }> {
    const lineItems = await this.invoiceLines(req.invoiceVendorId);
    const existing = (await this.stripeCreditNotes(req.invoiceVendorId)).find(
      (cn) => cn.metadata?.[META.canonicalId] === req.id,
    );
    if (existing) {
      // A repeat of the create: the same request, else a conflict (as Stripe treats a reused key).
      if (req.amountMinor !== undefined && existing.amount !== req.amountMinor)
        throw new ConflictProblem(
          `credit note ${req.id} was issued for ${existing.amount}, not ${req.amountMinor}: use a new id or key`,
          { vendor: STRIPE, vendorCode: 'idempotency_error' },
        );
      return { note: fromStripeCreditNote(existing, lineItems), created: false };
    }
    const params: Stripe.CreditNoteCreateParams = {
      invoice: req.invoiceVendorId,
      metadata: { [META.canonicalId]: req.id, [META.invoiceId]: req.invoice.id, canonical_settlement: req.settlement },
    };
    let total = req.amountMinor ?? 0;
    if (req.lines) {
      params.lines = req.lines.map((line, i) => {
        if (line.invoiceLineId === undefined)
          return {
            type: 'custom_line_item',
            description: line.description,
            quantity: 1,
            unit_amount: line.amountMinor,
          } as Stripe.CreditNoteCreateParams.Line;
        const item = lineItems.find((l) => l.metadata?.[META.lineId] === line.invoiceLineId);
        if (!item)
          throw new UnprocessableProblem(`invoice ${req.invoice.id} has no line ${line.invoiceLineId}`, {
            errors: [{ field: `lines[${i}].invoiceLineId`, message: 'not a line of this invoice' }],
          });
        return {
          type: 'invoice_line_item',
          invoice_line_item: item.id,
          ...(line.amountMinor !== undefined ? { amount: line.amountMinor } : {}),
          ...(line.description ? { description: line.description } : {}),
        } as Stripe.CreditNoteCreateParams.Line;
      });
      total = req.lines.reduce(
        (sum, line) =>
          sum +
          (line.amountMinor ?? lineItems.find((l) => l.metadata?.[META.lineId] === line.invoiceLineId)?.amount ?? 0),
        0,
      );
    } else params.amount = req.amountMinor;
    if (req.reason) params.reason = req.reason.replace(/-/g, '_') as Stripe.CreditNoteCreateParams.Reason;
    if (req.memo) params.memo = req.memo;
    const invoice = await this.current(req.invoiceVendorId);
    const due = invoice.status === 'open' ? invoice.amount_remaining : 0;
    const beyond = Math.max(0, total - due);
    if (beyond > 0) {
      if (req.settlement === 'customer-balance') params.credit_amount = beyond;
      else params.out_of_band_amount = beyond;
    }
    const created = await this.call(
      'create credit note',
      () => this.stripe.creditNotes.create(params, { idempotencyKey: req.idempotencyKey }),
      creditNoteFieldOf,
    );
    return { note: fromStripeCreditNote(created, lineItems), created: true };
  }

  async listCreditNotes(invoiceVendorId: string): Promise<BillingCreditNote[]> {
    const lineItems = await this.invoiceLines(invoiceVendorId);
    return (await this.stripeCreditNotes(invoiceVendorId))
      .map((cn) => fromStripeCreditNote(cn, lineItems))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number.localeCompare(b.number));
  }

  private stripeCreditNotes(invoiceVendorId: string): Promise<Stripe.CreditNote[]> {
    return this.call('list credit notes', async () => {
      const out: Stripe.CreditNote[] = [];
      for await (const cn of this.stripe.creditNotes.list({ invoice: invoiceVendorId, limit: 100 })) out.push(cn);
      return out;
    });
  }

  private invoiceLines(invoiceVendorId: string): Promise<Stripe.InvoiceLineItem[]> {
    return this.call('list invoice lines', async () => {
      const out: Stripe.InvoiceLineItem[] = [];
      for await (const line of this.stripe.invoices.listLineItems(invoiceVendorId, { limit: 100 })) out.push(line);
      return out;
    });
  }

  // ---------------------------------------------------------------- webhooks

  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): BillingWebhookEvent {
    const header = headers['stripe-signature'];
    const signature = Array.isArray(header) ? header[0] : header;
    if (!signature) {
      throw new ProblemError(
        400,
        'webhook-signature-missing',
        'Bad Request',
        'the Stripe-Signature header is missing',
        { vendor: STRIPE },
      );
    }
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        this.config.webhookSecret,
        this.config.webhookToleranceSeconds,
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new ProblemError(
          401,
          'webhook-signature-invalid',
          'Unauthorized',
          `the Stripe-Signature does not verify: ${error.message}`,
          {
            vendor: STRIPE,
            vendorCode: 'signature_verification_failed',
          },
        );
      }
      throw new ProblemError(400, 'webhook-payload-invalid', 'Bad Request', 'the webhook body is not a Stripe event', {
        vendor: STRIPE,
      });
    }
    const result: BillingWebhookEvent = {
      vendorEventId: event.id,
      occurredAt: new Date(event.created * 1000).toISOString(),
    };
    if (PUBLISHED.includes(event.type)) {
      result.type = event.type as BillingEventType;
      result.invoice = fromStripeInvoice(event.data.object as Stripe.Invoice);
    } else if (event.type === 'invoice.updated' && isPartialPayment(event)) {
      // A payment of part of an open invoice: Stripe reports it as an update of amount_paid.
      result.type = 'invoice.partially_paid';
      result.invoice = fromStripeInvoice(event.data.object);
    }
    return result;
  }
}
