import { CustomerDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { BILLING_ADAPTER, BillingAdapter } from '../adapters/billing-adapter';
import { stripeConfig, StripeSettings } from '../adapters/stripe/stripe.config';
import { BillingRecordsService } from '../cross-references/billing-records.service';

/** Billing customers: the canonical customer pushed to the billing platform once. */
@Injectable()
export class CustomersService {
  constructor(
    @Inject(BILLING_ADAPTER) private readonly billing: BillingAdapter,
    private readonly records: BillingRecordsService,
    @Inject(stripeConfig.KEY) private readonly config: StripeSettings,
  ) {}

  /** Creates the billing customer (or returns it when it exists); `created` tells which. */
  async create(customer: CustomerDto): Promise<{ customer: CustomerDto; created: boolean }> {
    const record = await this.records.begin('customer', customer.id, this.billing.system, customer);
    if (record.vendorId) {
      return { customer: this.withRef(record.payload as unknown as CustomerDto, record.vendorId), created: false };
    }
    const lookUpFirst = Date.now() - record.firstAttemptAt.getTime() > this.config.idempotencyKeyTrustSeconds * 1000;
    const created = await this.billing.createCustomer(customer, lookUpFirst);
    const result = this.withRef(customer, created.vendorId);
    await this.records.complete('customer', customer.id, created.vendorId, result);
    return { customer: result, created: true };
  }

  async get(id: string): Promise<CustomerDto> {
    const record = await this.records.find('customer', id);
    if (!record?.vendorId) throw new NotFoundProblem(`no billing customer ${id}`);
    const vendor = await this.billing.getCustomer(record.vendorId);
    if (!vendor)
      throw new NotFoundProblem(`billing customer ${id} no longer exists at ${this.billing.system}`, {
        vendor: this.billing.system,
      });
    const stored = record.payload as unknown as CustomerDto;
    return this.withRef(
      { ...stored, ...vendor.canonical, id, crossReferences: stored.crossReferences },
      record.vendorId,
    );
  }

  /** The vendor id of a canonical customer, if it was created. */
  async vendorIdOf(id: string): Promise<{ vendorId: string; paymentTermsDays: number } | undefined> {
    const record = await this.records.find('customer', id);
    if (!record?.vendorId) return undefined;
    return { vendorId: record.vendorId, paymentTermsDays: (record.payload as unknown as CustomerDto).paymentTermsDays };
  }

  private withRef(c: CustomerDto, vendorId: string): CustomerDto {
    return { ...c, crossReferences: { ...c.crossReferences, [this.billing.system]: vendorId } };
  }
}
