/**
 * The launcher publishes system-erp's notification URL (BUSINESS_CENTRAL_NOTIFICATION_URL) before the
 * first app starts, even with random ports: with ERP_VENDOR=business-central, system-erp subscribes to
 * the Business Central sandbox on its own (handshake through the real URLs) and a posting comes back
 * as a notification and a canonical `invoice.posted`, with polling off.
 */
import { startTestStack, TestStack } from '@app/testing';
import { Client } from 'pg';
import { businessCentralSandboxApp } from '../../apps/sandbox/src/business-central/business-central-sandbox.app';

const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('launcher wiring: Business Central notifications reach system-erp', () => {
  let stack: TestStack;
  let pg: Client;

  beforeAll(async () => {
    stack = await startTestStack({
      apps: [businessCentralSandboxApp.name, 'system-erp'],
      appEnv: {
        'system-erp': {
          ERP_VENDOR: 'business-central',
          ERP_POLL_ENABLED: 'false',
          BUSINESS_CENTRAL_SUBSCRIPTION_CHECK_MS: '1000',
        },
      },
    });
    pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
  }, 120_000);

  afterAll(async () => {
    await pg?.end();
    await stack?.stop();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.urls['system-erp']}/system/erp/v1${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('subscribes on start and turns a posting into invoice.posted', async () => {
    const subscribed = await waitFor(async () => {
      const { rows } = await pg.query<{ notification_url: string }>(
        'SELECT notification_url FROM system_erp.erp_subscriptions',
      );
      return rows.length === 3 ? rows : undefined;
    });
    expect(subscribed[0].notification_url).toBe(`${stack.urls['system-erp']}/system/erp/v1/webhooks/business-central`);
    expect((await api('POST', '/customers', { id: 'cust-l1', name: 'Wired Ltd', legalEntityId: 'UK-01' })).status).toBe(
      201,
    );
    const invoice = await api('POST', '/invoices', {
      id: 'inv-l1',
      customerId: 'cust-l1',
      contractId: 'ctr-l1',
      issueDate: '2025-06-30',
      dueDate: '2025-07-30',
      lines: [
        {
          description: 'Fixed fee',
          role: 'partner',
          quantityMinutes: 60,
          unitPrice: gbp(90000),
          amount: gbp(90000),
          kind: 'fixed-fee',
        },
      ],
    });
    expect(invoice.status).toBe(201);
    expect((await api('POST', '/invoices/inv-l1/post')).body.status).toBe('posted');
    const events = await waitFor(async () => {
      const { rows } = await pg.query<{ event: { type: string; data: any } }>(
        `SELECT event FROM system_erp.outbox WHERE event->>'subject' = 'invoice/inv-l1'`,
      );
      return rows.length > 0 ? rows.map((r) => r.event) : undefined;
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'invoice.posted',
        data: expect.objectContaining({ ledgerSystem: 'business-central' }),
      }),
    ]);
  });
});
