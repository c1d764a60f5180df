import { Injectable } from '@nestjs/common';
import type { ProjectDto } from '@app/contracts';
import { SystemBillingClient, SystemCrmClient, SystemErpClient, SystemPsaClient } from '../common/system-apis';
import type { BillingDirectory, BillingVendors, TaxRate, VendorRecord } from './billing-ports';

const enc = encodeURIComponent;

/** BillingDirectory over the system APIs, through the gateway (process-api's service key). */
@Injectable()
export class GatewayBillingDirectory implements BillingDirectory {
  constructor(
    private readonly psa: SystemPsaClient,
    private readonly crm: SystemCrmClient,
    private readonly erp: SystemErpClient,
  ) {}

  async getProject(projectId: string): Promise<ProjectDto | undefined> {
    return (await this.psa.getProject(projectId)) as unknown as ProjectDto | undefined;
  }

  async customerCountry(customerId: string): Promise<string | undefined> {
    const account = await this.crm.getAccount(customerId);
    const country = account?.billingCountry;
    return typeof country === 'string' ? country : undefined;
  }

  async assignments(
    projectId: string,
  ): Promise<Array<{ workerId: string; role: string; startDate?: string; endDate?: string }>> {
    const page = await this.psa.listAssignments(projectId);
    return page.items as unknown as Array<{ workerId: string; role: string; startDate?: string; endDate?: string }>;
  }

  async taxTable(legalEntityId: string, customerCountry: string): Promise<TaxRate[]> {
    const page = await this.erp.client.call<{ items: TaxRate[] }>('GET', '/mappings/tax-rates', {
      query: { legalEntityId, customerCountry },
    });
    return page.items;
  }
}

/**
 * BillingVendors over system-billing and system-erp. Creates carry the canonical invoice id (the systems
 * derive their vendor idempotency keys from it and look it up before creating again), so repeating a call
 * after an ambiguous failure never bills twice.
 */
@Injectable()
export class GatewayBillingVendors implements BillingVendors {
  constructor(
    private readonly billing: SystemBillingClient,
    private readonly erp: SystemErpClient,
    private readonly crm: SystemCrmClient,
    private readonly psa: SystemPsaClient,
  ) {}

  async ensureBillingCustomer(customer: {
    id: string;
    legalEntityId: string;
    currency: string;
  }): Promise<VendorRecord> {
    const found = await this.billing.getCustomer(customer.id);
    if (found) return found;
    const account = await this.crm.getAccount(customer.id);
    return this.billing.createCustomer(
      {
        id: customer.id,
        name: typeof account?.name === 'string' ? account.name : customer.id,
        legalEntityId: customer.legalEntityId,
        currency: customer.currency,
        paymentTermsDays: 30,
        status: 'active',
        crossReferences: {},
      },
      `billing-customer:${customer.id}`,
    );
  }

  createBillingInvoice(invoice: Record<string, unknown>): Promise<VendorRecord> {
    return this.billing.client.call('POST', '/invoices', {
      body: invoice,
      idempotencyKey: `billing-invoice:${String(invoice.id)}:create`,
      retryable: true,
    });
  }

  finalizeBillingInvoice(invoiceId: string): Promise<VendorRecord> {
    return this.billing.client.call('POST', `/invoices/${enc(invoiceId)}/finalize`, { retryable: true });
  }

  sendBillingInvoice(invoiceId: string): Promise<VendorRecord> {
    return this.billing.client.call('POST', `/invoices/${enc(invoiceId)}/send`, { retryable: true });
  }

  createErpInvoice(invoice: Record<string, unknown>): Promise<VendorRecord> {
    return this.erp.client.call('POST', '/invoices', {
      body: invoice,
      idempotencyKey: `erp-invoice:${String(invoice.id)}:create`,
      retryable: true,
    });
  }

  postErpInvoice(invoiceId: string): Promise<VendorRecord> {
    return this.erp.client.call('POST', `/invoices/${enc(invoiceId)}/post`, { retryable: true });
  }

  markPsaInvoiced(invoice: Record<string, unknown>): Promise<VendorRecord> {
    return this.psa.client.call('POST', '/invoices', {
      body: invoice,
      idempotencyKey: `psa-invoice:${String(invoice.id)}:create`,
      retryable: true,
    });
  }

  async putCrmInvoice(invoiceId: string, record: Record<string, unknown>): Promise<VendorRecord> {
    const answer = await this.crm.client.call<VendorRecord | undefined>('PUT', `/invoices/${enc(invoiceId)}`, {
      body: record,
      retryable: true,
    });
    return answer ?? { id: invoiceId };
  }
}
