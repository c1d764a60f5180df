import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { createServer } from 'node:net';
import { Client } from 'pg';
import Stripe from 'stripe';
import { stripeSandboxApp } from '../../apps/sandbox/src/stripe/stripe-sandbox.app';
import { systemBillingApp } from '../../apps/system-billing/src/app.definition';

export const WEBHOOK_SECRET = 'whsec_system_billing_test';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * A fresh database, system-billing and the Stripe sandbox delivering its webhooks to it
 * (SANDBOX_STRIPE_WEBHOOK_URL, same signing secret on both sides). The sandbox's port is chosen
 * first so system-billing can be configured with it before either starts.
 */
export class BillingHarness {
  db!: TestDatabase;
  sandbox!: RunningApp;
  billing!: RunningApp;
  stripe!: Stripe;
  sandboxPort!: number;
  private readonly savedEnv = { ...process.env };
  private pg?: Client;

  static async start(billingEnv: Record<string, string> = {}): Promise<BillingHarness> {
    const h = new BillingHarness();
    h.db = await createTestDatabase('system_billing');
    process.env.DATABASE_URL = h.db.url;
    h.sandboxPort = await freePort();
    await h.startBilling(billingEnv);
    Object.assign(process.env, {
      SANDBOX_STRIPE_WEBHOOK_URL: `${h.billing.url}/system/billing/v1/webhooks/stripe`,
      SANDBOX_STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SANDBOX_STRIPE_WEBHOOK_RETRY_BASE_MS: '50',
      SANDBOX_STRIPE_RATE_LIMIT: '1000',
    });
    h.sandbox = await bootstrapApp(stripeSandboxApp, { port: h.sandboxPort, host: '127.0.0.1', logger: false });
    h.stripe = new Stripe('sk_test_sandbox', {
      host: '127.0.0.1',
      port: h.sandboxPort,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    return h;
  }

  /** (Re)starts system-billing on the same port; env overrides apply to it. */
  async startBilling(env: Record<string, string> = {}): Promise<RunningApp> {
    const port = this.billing ? Number(new URL(this.billing.url).port) : 0;
    await this.billing?.close();
    Object.assign(process.env, {
      STRIPE_API_URL: `http://127.0.0.1:${this.sandboxPort}`,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_RETRY_BASE_MS: '20',
      STRIPE_REQUESTS_PER_SECOND: '200',
      ...env,
    });
    this.billing = await bootstrapApp(systemBillingApp, { port, host: '127.0.0.1', logger: false });
    return this.billing;
  }

  async api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
    const res = await fetch(`${this.billing.url}/system/billing/v1${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.sandbox.url}/__sandbox${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status >= 300) throw new Error(`sandbox control ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  }

  async sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
    if (!this.pg) {
      this.pg = new Client({ connectionString: this.db.url });
      await this.pg.connect();
    }
    return (await this.pg.query(query, params)).rows as T[];
  }

  /** Canonical events staged by system-billing, oldest first. */
  async outboxEvents(): Promise<Array<{ type: string; subject: string; data: any; source: string }>> {
    const rows = await this.sql<{ event: any }>('SELECT event FROM system_billing.outbox ORDER BY id');
    return rows.map((r) => r.event);
  }

  async stop(): Promise<void> {
    await this.pg?.end().catch(() => undefined);
    await this.billing?.close().catch(() => undefined);
    await this.sandbox?.close().catch(() => undefined);
    await this.db?.drop();
    process.env = this.savedEnv;
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 8000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** A canonical customer. */
export function customer(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    crossReferences: {},
    name: `Customer ${id}`,
    status: 'active',
    legalEntityId: 'US-01',
    currency: 'USD',
    paymentTermsDays: 30,
    billingEmail: `ap+${id.toLowerCase()}@example.com`,
    ...extra,
  };
}

/** A canonical draft invoice with `lines` time lines of 1,000.00 each and 8% tax. */
export function invoice(id: string, customerId: string, lines = 2): Record<string, unknown> {
  const amount = 100000;
  const subtotal = amount * lines;
  const tax = subtotal * 0.08;
  const m = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
  return {
    id,
    crossReferences: {},
    customerId,
    legalEntityId: 'US-01',
    contractId: 'CTR-1',
    status: 'draft',
    currency: 'USD',
    periodStart: '2025-05-01',
    periodEnd: '2025-05-31',
    lines: Array.from({ length: lines }, (_, i) => ({
      id: `${id}-L${i + 1}`,
      kind: 'time',
      description: `Consulting ${i + 1}`,
      contractId: 'CTR-1',
      rateCardVersionId: 'RC-1-v2',
      timeEntryIds: [`TE-${i + 1}`],
      quantityMinutes: 600,
      unitPrice: m(10000),
      amount: m(amount),
    })),
    subtotal: m(subtotal),
    tax: m(tax),
    total: m(subtotal + tax),
    amountPaid: m(0),
    amountDue: m(subtotal + tax),
  };
}
