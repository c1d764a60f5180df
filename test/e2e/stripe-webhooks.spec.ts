/**
 * The launcher wires the Stripe sandbox's webhooks to system-billing (every URL is published before the
 * first app starts, even with random ports): an invoice finalized through system-billing comes back as
 * a signed webhook and becomes a canonical `invoice.finalized` event in system-billing's outbox.
 */
import { startTestStack, TestStack } from '@app/testing';
import { Client } from 'pg';
import { stripeSandboxApp } from '../../apps/sandbox/src/app.definition';
import { customer, invoice, waitFor } from '../system-billing/billing-test-harness';

describe('launcher wiring: Stripe sandbox webhooks reach system-billing', () => {
  let stack: TestStack;
  let pg: Client;

  beforeAll(async () => {
    stack = await startTestStack({ apps: [stripeSandboxApp.name, 'system-billing'] });
    pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
  }, 120_000);

  afterAll(async () => {
    await pg?.end();
    await stack?.stop();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.urls['system-billing']}/system/billing/v1${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('delivers invoice.finalized from the sandbox to system-billing, signed, as one canonical event', async () => {
    expect((await api('POST', '/customers', customer('CUST-W'))).status).toBe(201);
    expect((await api('POST', '/invoices', invoice('INV-W1', 'CUST-W', 1))).status).toBe(201);
    expect((await api('POST', '/invoices/INV-W1/finalize')).status).toBe(200);

    const events = await waitFor(async () => {
      const { rows } = await pg.query<{ event: { type: string; subject: string } }>(
        `SELECT event FROM system_billing.outbox WHERE event->>'subject' = 'invoice/INV-W1'`,
      );
      return rows.length > 0 ? rows.map((r) => r.event.type) : undefined;
    }, 10_000);
    expect(events).toEqual(['invoice.finalized']);
  });
});
