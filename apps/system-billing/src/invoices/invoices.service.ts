import { InvoiceDto, money } from '@app/contracts';
import { ConflictProblem, NotFoundProblem, UnprocessableProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { BILLING_ADAPTER, BillingAdapter, BillingInvoiceState } from '../adapters/billing-adapter';
import { stripeConfig, StripeSettings } from '../adapters/stripe/stripe.config';
import { mergeInvoiceState } from '../adapters/stripe/stripe-mapper';
import { BillingRecordEntity } from '../cross-references/billing-record.entity';
import { BillingRecordsService } from '../cross-references/billing-records.service';
import { CustomersService } from '../customers/customers.service';
import { InvoicePaymentStatusDto } from './dto/invoice-payment-status.dto';
import { BillingInvoiceListDto, ListBillingInvoicesQueryDto } from './dto/list-invoices.dto';

/** Invoices composed by the firm, created once at the billing platform, and their life cycle there. */
@Injectable()
export class InvoicesService {
  constructor(
    @Inject(BILLING_ADAPTER) private readonly billing: BillingAdapter,
    private readonly records: BillingRecordsService,
    private readonly customers: CustomersService,
    @Inject(stripeConfig.KEY) private readonly config: StripeSettings,
  ) {}

  /** Creates the draft invoice with its lines (and tax); a repeat returns the invoice already created. */
  async create(invoice: InvoiceDto): Promise<{ invoice: InvoiceDto; created: boolean }> {
    if (invoice.status !== 'draft') {
      throw new UnprocessableProblem('a new invoice must be a draft; finalize it afterwards', {
        errors: [{ field: 'status', message: 'status must be draft' }],
      });
    }
    const customer = await this.customers.vendorIdOf(invoice.customerId);
    if (!customer) {
      throw new UnprocessableProblem(`customer ${invoice.customerId} has no billing customer: create it first`, {
        errors: [{ field: 'customerId', message: 'unknown billing customer' }],
      });
    }
    const record = await this.records.begin('invoice', invoice.id, this.billing.system, invoice);
    if (record.vendorId) return { invoice: await this.current(record), created: false };
    const composed = record.payload as unknown as InvoiceDto;
    const lookUpFirst = Date.now() - record.firstAttemptAt.getTime() > this.config.idempotencyKeyTrustSeconds * 1000;
    const state = await this.billing.createInvoice(composed, {
      customerVendorId: customer.vendorId,
      daysUntilDue: customer.paymentTermsDays,
      lookUpFirst,
    });
    const result = mergeInvoiceState(composed, state, this.billing.system);
    await this.records.complete('invoice', invoice.id, state.vendorId, composed, result.status);
    return { invoice: result, created: true };
  }

  async get(id: string): Promise<InvoiceDto> {
    return this.current(await this.record(id));
  }

  async finalize(id: string): Promise<InvoiceDto> {
    const r = await this.record(id);
    return this.after(r, await this.billing.finalizeInvoice(r.vendorId as string));
  }

  async send(id: string): Promise<InvoiceDto> {
    const r = await this.record(id);
    return this.after(r, await this.billing.sendInvoice(r.vendorId as string));
  }

  async void(id: string): Promise<InvoiceDto> {
    const r = await this.record(id);
    return this.after(r, await this.billing.voidInvoice(r.vendorId as string));
  }

  /**
   * The billing platform's invoices for a project, customer and/or creation window, one page at a
   * time, as canonical invoices (with their current status and payments). A customer we never
   * created there has no invoices.
   */
  async list(query: ListBillingInvoicesQueryDto): Promise<BillingInvoiceListDto> {
    let customerVendorId: string | undefined;
    if (query.customerId) {
      customerVendorId = (await this.customers.vendorIdOf(query.customerId))?.vendorId;
      if (!customerVendorId) return { items: [], unknownVendorInvoices: 0 };
    }
    const page = await this.billing.searchInvoices({
      projectId: query.projectId,
      customerVendorId,
      createdFrom: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
      createdTo: query.to ? new Date(`${query.to}T23:59:59Z`) : undefined,
      limit: query.limit ?? 50,
      page: query.page,
    });
    const items: InvoiceDto[] = [];
    let unknown = 0;
    for (const state of page.items) {
      const record = await this.records.findByVendorId('invoice', this.billing.system, state.vendorId);
      if (!record) unknown++;
      else items.push(await this.after(record, state));
    }
    const out: BillingInvoiceListDto = { items, unknownVendorInvoices: unknown };
    if (page.nextPage) out.nextPage = page.nextPage;
    return out;
  }

  async paymentStatus(id: string): Promise<InvoicePaymentStatusDto> {
    const r = await this.record(id);
    const s = await this.state(r);
    const composed = r.payload as unknown as InvoiceDto;
    const dto: InvoicePaymentStatusDto = {
      invoiceId: id,
      crossReferences: { ...composed.crossReferences, [this.billing.system]: s.vendorId },
      status: s.status,
      paid: s.status === 'paid',
      amountPaid: money(s.amountPaid.amountMinor, composed.currency),
      amountRemaining: money(s.amountRemaining.amountMinor, composed.currency),
      attemptCount: s.attemptCount,
      paidOutOfBand: s.paidOutOfBand,
    };
    if (s.paidAt) dto.paidAt = s.paidAt;
    if (s.nextAttemptAt) dto.nextAttemptAt = s.nextAttemptAt;
    if (s.lastFailureCode) dto.lastFailureCode = s.lastFailureCode;
    if (s.lastFailureMessage) dto.lastFailureMessage = s.lastFailureMessage;
    return dto;
  }

  private async record(id: string): Promise<BillingRecordEntity> {
    const r = await this.records.find('invoice', id);
    if (!r) throw new NotFoundProblem(`no billing invoice ${id}`);
    if (!r.vendorId) throw new ConflictProblem(`invoice ${id} is still being created: repeat the create`);
    return r;
  }

  private async state(r: BillingRecordEntity): Promise<BillingInvoiceState> {
    const s = await this.billing.getInvoice(r.vendorId as string);
    if (!s)
      throw new NotFoundProblem(`invoice ${r.canonicalId} no longer exists at ${this.billing.system}`, {
        vendor: this.billing.system,
      });
    return s;
  }

  private async current(r: BillingRecordEntity): Promise<InvoiceDto> {
    return this.after(r, await this.state(r));
  }

  private async after(r: BillingRecordEntity, s: BillingInvoiceState): Promise<InvoiceDto> {
    const merged = mergeInvoiceState(r.payload as unknown as InvoiceDto, s, this.billing.system);
    if (r.status !== merged.status) {
      r.status = merged.status;
      await this.records.update(r);
    }
    return merged;
  }
}
