import { HttpClientFactory } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { ErpInvoiceFinder, ErpInvoiceQuery } from '../../invoices/invoice-finder';
import { NetSuiteClient } from './netsuite-client';
import { netsuiteConfig, NetSuiteSettings } from './netsuite.config';

/** A SuiteQL string literal. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * SuiteQL on `transaction` (type CustInvc) with an external id (created through system-erp): by
 * project (`job`, the project's internal id found by its external id), `trandate`, and the external id
 * or `tranid` (NetSuite's document number), newest first.
 */
@Injectable()
export class NetSuiteInvoiceFinder implements ErpInvoiceFinder {
  private readonly client: NetSuiteClient;

  constructor(http: HttpClientFactory, @Inject(netsuiteConfig.KEY) config: NetSuiteSettings) {
    // The factory shares the `netsuite` HTTP client (breaker, budget) with the adapter's.
    this.client = new NetSuiteClient(http, config);
  }

  async find(query: ErpInvoiceQuery): Promise<string[]> {
    const where = [`type = 'CustInvc'`, 'externalid IS NOT NULL'];
    if (query.projectId) {
      const [job] = await this.client.suiteql<{ id: string }>(
        `SELECT id FROM job WHERE externalid = ${literal(query.projectId)}`,
      );
      if (!job) return [];
      where.push(`job = ${literal(String(job.id))}`);
    }
    if (query.from) where.push(`trandate >= TO_DATE(${literal(query.from)}, 'YYYY-MM-DD')`);
    if (query.to) where.push(`trandate <= TO_DATE(${literal(query.to)}, 'YYYY-MM-DD')`);
    if (query.documentNumber)
      where.push(`(externalid = ${literal(query.documentNumber)} OR tranid = ${literal(query.documentNumber)})`);
    const rows = await this.client.suiteql<{ externalid: string }>(
      `SELECT id, externalid FROM transaction WHERE ${where.join(' AND ')} ORDER BY trandate DESC, id DESC`,
    );
    return rows.map((r) => r.externalid);
  }
}
