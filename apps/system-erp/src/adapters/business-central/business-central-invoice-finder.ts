import { HttpClientFactory } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CrossReferenceStore } from '../../cross-references/cross-reference.store';
import type { ErpInvoiceFinder, ErpInvoiceQuery } from '../../invoices/invoice-finder';
import { MappingsService } from '../../mappings/mappings.service';
import { BusinessCentralClient } from './business-central-client';
import { businessCentralConfig, BusinessCentralSettings } from './business-central.config';
import { bcExternalDocumentNumber, odataString, VENDOR } from './business-central.mapper';
import { BcInvoice } from './business-central.types';

/**
 * `salesInvoices` of every mapped company, filtered in OData by `invoiceDate` and by
 * `externalDocumentNumber` (our id) or `number` (BC's); the project (BC's sales invoice has none) from
 * the cross-reference's attributes. Only invoices created through system-erp (with a cross-reference)
 * are listed, newest first.
 */
@Injectable()
export class BusinessCentralInvoiceFinder implements ErpInvoiceFinder {
  private readonly client: BusinessCentralClient;

  constructor(
    http: HttpClientFactory,
    @Inject(businessCentralConfig.KEY) config: BusinessCentralSettings,
    private readonly mappings: MappingsService,
    private readonly xrefs: CrossReferenceStore,
  ) {
    // The factory shares the `business-central` HTTP client (breaker, budget) with the adapter's.
    this.client = new BusinessCentralClient(http, config);
  }

  async find(query: ErpInvoiceQuery): Promise<string[]> {
    const filters: string[] = [];
    if (query.from) filters.push(`invoiceDate ge ${query.from}`);
    if (query.to) filters.push(`invoiceDate le ${query.to}`);
    if (query.documentNumber) {
      const ours = odataString(bcExternalDocumentNumber(query.documentNumber));
      filters.push(`(externalDocumentNumber eq ${ours} or number eq ${odataString(query.documentNumber)})`);
    }
    const found: Array<{ id: string; date: string; number: string }> = [];
    for (const entity of await this.mappings.allLegalEntities()) {
      const invoices = await this.client.listAll<BcInvoice>({
        companyId: entity.target,
        path: 'salesInvoices',
        query: filters.length ? { $filter: filters.join(' and ') } : {},
      });
      for (const inv of invoices) {
        const id = await this.xrefs.canonicalIdOf(VENDOR, 'invoice', inv.id);
        if (!id) continue;
        if (query.projectId) {
          const xref = await this.xrefs.get(VENDOR, 'invoice', id);
          if ((xref?.attributes as { projectId?: string } | undefined)?.projectId !== query.projectId) continue;
        }
        found.push({ id, date: inv.invoiceDate, number: inv.number });
      }
    }
    found.sort((a, b) => b.date.localeCompare(a.date) || b.number.localeCompare(a.number));
    return found.map((f) => f.id);
  }
}
