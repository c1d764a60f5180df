import { AppDefinition, bootstrapApp, RunningApp } from '@app/platform';
import { AddressInfo, createServer } from 'node:net';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { businessCentralSandboxApp } from '../../apps/sandbox/src/business-central/business-central-sandbox.app';
import { netsuiteSandboxApp } from '../../apps/sandbox/src/netsuite/netsuite-sandbox.app';
import { systemErpApp } from '../../apps/system-erp/src/app.definition';

export type ErpVendorName = 'netsuite' | 'business-central';

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
}

/** The sandbox of each vendor and the environment that points system-erp at it. */
const VENDORS: Record<
  ErpVendorName,
  {
    app: () => AppDefinition;
    env: (url: string) => Record<string, string>;
    payPath: (vendorInvoiceId: string) => string;
  }
> = {
  netsuite: {
    app: () => netsuiteSandboxApp,
    env: (url) => ({ NETSUITE_API_URL: url }),
    payPath: (id) => `/__sandbox/invoices/${id}/payments`,
  },
  'business-central': {
    app: () => businessCentralSandboxApp,
    env: (url) => ({ BUSINESS_CENTRAL_API_URL: url, BUSINESS_CENTRAL_AUTH_URL: url }),
    // The UK company of the demo firm.
    payPath: (id) => `/__sandbox/companies/5f1c2b10-0003-4a6e-9c1d-000000000003/salesInvoices/${id}/payments`,
  },
};

/** A fresh database, one ERP sandbox on a random port, and system-erp pointed at it (ERP_VENDOR). */
export class ErpHarness {
  db!: TestDatabase;
  sandbox!: RunningApp;
  erp!: RunningApp;
  private readonly savedEnv = { ...process.env };

  constructor(readonly vendor: ErpVendorName) {}

  /**
   * `erpPort`: a fixed port for system-erp (0 = any), for URLs the vendor calls back
   * (BUSINESS_CENTRAL_NOTIFICATION_URL); see `freePort`.
   */
  static async start(vendor: ErpVendorName, env: Record<string, string> = {}, erpPort = 0): Promise<ErpHarness> {
    const h = new ErpHarness(vendor);
    h.db = await createTestDatabase(`system_erp_${vendor.replace('-', '_')}`);
    process.env.DATABASE_URL = h.db.url;
    h.sandbox = await bootstrapApp(VENDORS[vendor].app(), { port: 0, host: '127.0.0.1', logger: false });
    Object.assign(process.env, {
      ERP_VENDOR: vendor,
      ERP_POLL_ENABLED: 'false',
      HTTP_CLIENT_RETRIES: '4',
      ...VENDORS[vendor].env(h.sandbox.url),
      ...env,
    });
    h.erp = await bootstrapApp(systemErpApp, { port: erpPort, host: '127.0.0.1', logger: false });
    return h;
  }

  async call(method: string, path: string, body?: unknown): Promise<HttpResult> {
    return send(this.erp.url, method, path, body);
  }

  async sandboxCall(method: string, path: string, body?: unknown): Promise<HttpResult> {
    return send(this.sandbox.url, method, path, body);
  }

  /** A customer pays a vendor invoice in the sandbox (by the ERP's invoice id). */
  async pay(vendorInvoiceId: string, amount: number): Promise<HttpResult> {
    return this.sandboxCall('POST', VENDORS[this.vendor].payPath(vendorInvoiceId), { amount });
  }

  async stop(): Promise<void> {
    await this.erp?.close().catch(() => undefined);
    await this.sandbox?.close().catch(() => undefined);
    await this.db?.drop();
    process.env = this.savedEnv;
  }
}

/** A TCP port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function send(base: string, method: string, path: string, body?: unknown): Promise<HttpResult> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}
