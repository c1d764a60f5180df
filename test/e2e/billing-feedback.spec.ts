/**
 * Status feedback end to end: an invoice finalized, paid in part, paid in full, voided or refused
 * payment in the Stripe sandbox comes back as a signed webhook to system-billing, becomes a canonical
 * `invoice.*` event, and process-api's billing-feedback (through the gateway) brings the invoice's
 * Salesforce record (Invoice__c) and its Kantata invoice to the same state.
 */
import { startTestStack, TestStack } from '@app/testing';
import { customer, invoice } from '../system-billing/billing-test-harness';

const SF = 'sandbox-salesforce';
const KANTATA = 'sandbox-kantata';
const STRIPE = 'sandbox-stripe';

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('billing status feedback: Stripe webhooks -> CRM invoice record and PSA invoice', () => {
  let stack: TestStack;
  let seeded: { customerId: string; contractId: string };
  let entries: string[];

  const call = async (app: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.urls[app]}${path}`, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const billing = (method: string, path: string, body?: unknown) =>
    call('system-billing', method, `/system/billing/v1${path}`, body);
  const crmRecord = async (id: string) => (await call('system-crm', 'GET', `/system/crm/v1/invoices/${id}`)).body;
  const psaInvoice = async (id: string) => (await call('system-psa', 'GET', `/system/psa/v1/invoices/${id}`)).body;
  const pay = async (id: string, body: Record<string, unknown>) => {
    const vendorId = (await billing('GET', `/invoices/${id}`)).body.crossReferences.stripe;
    const res = await call(STRIPE, 'POST', `/__sandbox/invoices/${vendorId}/payment`, body);
    expect(res.status).toBe(200);
  };
  /** Waits until both the CRM record and the PSA invoice show `status`. */
  const bothShow = (id: string, status: string) =>
    waitFor(
      async () => {
        const [crm, psa] = await Promise.all([crmRecord(id), psaInvoice(id)]);
        return crm?.status === status && psa?.status === status ? { crm, psa } : undefined;
      },
      30_000,
      `${id} ${status} in the CRM and the PSA`,
    );

  /** A billing invoice on the seeded account and contract, with its PSA invoice over `timeEntryIds`. */
  const bill = async (id: string, timeEntryIds: string[]) => {
    const psa = await call('system-psa', 'POST', '/system/psa/v1/invoices', {
      id,
      projectId: 'PRJ-0001',
      timeEntryIds,
    });
    expect(psa.status).toBe(201);
    const created = await billing('POST', '/invoices', {
      ...invoice(id, seeded.customerId, 1),
      projectId: 'PRJ-0001',
      contractId: seeded.contractId,
      lines: (invoice(id, seeded.customerId, 1).lines as Array<Record<string, unknown>>).map((l) => ({
        ...l,
        contractId: seeded.contractId,
      })),
    });
    expect(created.status).toBe(201);
    expect((await billing('POST', `/invoices/${id}/finalize`)).status).toBe(200);
  };

  beforeAll(async () => {
    stack = await startTestStack({
      apps: [SF, KANTATA, STRIPE, 'system-crm', 'system-psa', 'system-billing', 'process-api', 'gateway'],
      env: {
        MESSAGING_RETRY_BASE_MS: '50',
        OUTBOX_POLL_MS: '200',
        CRM_POLL_ENABLED: 'false',
        PSA_POLL_ENABLED: 'false',
        BILLING_FEEDBACK_SWEEP_ENABLED: 'false',
        SANDBOX_STRIPE_WEBHOOK_RETRY_BASE_MS: '100',
      },
    });
    const contracts = await call('system-crm', 'GET', '/system/crm/v1/contracts');
    const contract = contracts.body.items.find((c: any) => c.opportunityId);
    seeded = { customerId: contract.customerId, contractId: contract.id };
    expect((await billing('POST', '/customers', customer(seeded.customerId))).status).toBe(201);
    const listed = await call('system-psa', 'GET', '/system/psa/v1/time-entries?projectId=PRJ-0001&status=approved');
    entries = listed.body.items.filter((t: any) => t.status === 'approved').map((t: any) => t.id);
    expect(entries.length).toBeGreaterThanOrEqual(3);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('finalized, then paid partially, then in full: the CRM and the PSA follow, with the amount remaining', async () => {
    await bill('INV-FB-0001', [entries[0]]);
    const open = await bothShow('INV-FB-0001', 'open');
    expect(open.crm).toMatchObject({
      customerId: seeded.customerId,
      contractId: seeded.contractId,
      projectId: 'PRJ-0001',
      total: { amountMinor: 108000, currency: 'USD' },
      amountRemaining: { amountMinor: 108000, currency: 'USD' },
      dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });

    await pay('INV-FB-0001', { outcome: 'succeeded', amount: 30000 });
    const partial = await bothShow('INV-FB-0001', 'partially_paid');
    expect(partial.crm).toMatchObject({
      amountPaid: { amountMinor: 30000, currency: 'USD' },
      amountRemaining: { amountMinor: 78000, currency: 'USD' },
    });
    expect(partial.psa.amountRemaining).toEqual({ amountMinor: 78000, currency: 'USD' });

    await pay('INV-FB-0001', { outcome: 'succeeded' });
    const paid = await bothShow('INV-FB-0001', 'paid');
    expect(paid.crm).toMatchObject({
      amountPaid: { amountMinor: 108000 },
      amountRemaining: { amountMinor: 0 },
      paidDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(paid.psa.amountRemaining.amountMinor).toBe(0);
  });

  it('a voided invoice shows voided, a refused payment overdue', async () => {
    await bill('INV-FB-0002', [entries[1]]);
    await bothShow('INV-FB-0002', 'open');
    expect((await billing('POST', '/invoices/INV-FB-0002/void')).status).toBe(200);
    const voided = await bothShow('INV-FB-0002', 'voided');
    expect(voided.crm.amountRemaining.amountMinor).toBe(0);

    await bill('INV-FB-0003', [entries[2]]);
    await bothShow('INV-FB-0003', 'open');
    await pay('INV-FB-0003', { outcome: 'failed', failureCode: 'card_declined' });
    const overdue = await bothShow('INV-FB-0003', 'overdue');
    expect(overdue.crm.amountRemaining.amountMinor).toBe(108000);
  });

  it('a late, redelivered partial payment never moves a paid invoice back', async () => {
    const { Client } = await import('pg');
    const { randomUUID } = await import('node:crypto');
    const pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    try {
      const feedback = async () =>
        (
          await pg.query(
            `SELECT status, amount_paid_minor::int AS paid, last_cause FROM process.invoice_feedback WHERE invoice_id = 'INV-FB-0001'`,
          )
        ).rows[0];
      const before = await feedback();
      expect(before).toMatchObject({ status: 'paid', paid: 108000 });
      // the partial payment's event published again (a copy with a new id: not an inbox duplicate)
      const { rows } = await pg.query(
        `SELECT event FROM system_billing.outbox WHERE event->>'type' = 'invoice.partially_paid' AND event->>'subject' = 'invoice/INV-FB-0001'`,
      );
      const late = { ...rows[0].event, id: randomUUID() };
      await pg.query(`INSERT INTO system_billing.outbox (event) VALUES ($1)`, [late]);
      await waitFor(
        async () =>
          (
            await pg.query(
              `SELECT 1 FROM process.inbox WHERE consumer = 'process.billing-feedback' AND event_id = $1`,
              [late.id],
            )
          ).rows[0],
        20_000,
        'the late event consumed',
      );
      expect(await feedback()).toEqual(before);
      expect((await crmRecord('INV-FB-0001')).status).toBe('paid');
      expect((await psaInvoice('INV-FB-0001')).status).toBe('paid');
    } finally {
      await pg.end();
    }
  });
});
