import { BillingHarness, customer, invoice, waitFor } from './billing-test-harness';

/** Listing invoices by project, customer and creation window (Stripe search), and partial payments. */
describe('system-billing invoice listing and partial payments against the Stripe sandbox', () => {
  let h: BillingHarness;
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const ids = (res: { body: any }) => res.body.items.map((i: any) => i.id).sort();

  beforeAll(async () => {
    h = await BillingHarness.start();
    for (const c of ['CUST-L1', 'CUST-L2']) expect((await h.api('POST', '/customers', customer(c))).status).toBe(201);
    const make = async (id: string, cust: string, projectId: string) => {
      expect((await h.api('POST', '/invoices', { ...invoice(id, cust, 1), projectId })).status).toBe(201);
      expect((await h.api('POST', `/invoices/${id}/finalize`)).status).toBe(200);
    };
    await make('INV-L1', 'CUST-L1', 'PRJ-A');
    await make('INV-L2', 'CUST-L1', 'PRJ-B');
    await make('INV-L3', 'CUST-L2', 'PRJ-A');
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('lists by project, customer and both, as canonical invoices with their status', async () => {
    const byProject = await h.api('GET', '/invoices?projectId=PRJ-A');
    expect(byProject.status).toBe(200);
    expect(ids(byProject)).toEqual(['INV-L1', 'INV-L3']);
    expect(byProject.body.items[0]).toMatchObject({
      status: 'finalized',
      projectId: 'PRJ-A',
      total: { amountMinor: 108000, currency: 'USD' },
      crossReferences: { stripe: expect.stringMatching(/^in_/) },
    });
    expect(byProject.body.nextPage).toBeUndefined();
    expect(ids(await h.api('GET', '/invoices?customerId=CUST-L1'))).toEqual(['INV-L1', 'INV-L2']);
    expect(ids(await h.api('GET', '/invoices?customerId=CUST-L1&projectId=PRJ-A'))).toEqual(['INV-L1']);
    expect(ids(await h.api('GET', `/invoices?from=${today}&to=${today}`))).toEqual(['INV-L1', 'INV-L2', 'INV-L3']);
    expect(ids(await h.api('GET', `/invoices?from=${tomorrow}`))).toEqual([]);
    expect((await h.api('GET', '/invoices?customerId=CUST-NONE')).body).toEqual({
      items: [],
      unknownVendorInvoices: 0,
    });
  });

  it('pages with nextPage, newest first', async () => {
    const first = await h.api('GET', '/invoices?projectId=PRJ-A&limit=1');
    expect(first.body.items.map((i: any) => i.id)).toEqual(['INV-L3']);
    expect(first.body.nextPage).toEqual(expect.any(String));
    const second = await h.api('GET', `/invoices?projectId=PRJ-A&limit=1&page=${first.body.nextPage}`);
    expect(second.body.items.map((i: any) => i.id)).toEqual(['INV-L1']);
    expect(second.body.nextPage).toBeUndefined();
  });

  it('counts invoices at Stripe that system-billing did not create, and rejects bad filters', async () => {
    const [stripeCustomer] = (await h.stripe.customers.list({ limit: 100 })).data;
    await h.stripe.invoices.create({ customer: stripeCustomer.id, metadata: { project_id: 'PRJ-A' } });
    const res = await h.api('GET', '/invoices?projectId=PRJ-A');
    expect(ids(res)).toEqual(['INV-L1', 'INV-L3']);
    expect(res.body.unknownVendorInvoices).toBe(1);
    for (const query of [
      `from=${tomorrow}&to=${today}`,
      'limit=0',
      'limit=101',
      'from=2025-13-01',
      'projectId=a%20b',
    ]) {
      const bad = await h.api('GET', `/invoices?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('a partial payment becomes invoice.partially_paid with the amount remaining, then invoice.paid', async () => {
    const vendorId = (await h.api('GET', '/invoices/INV-L1')).body.crossReferences.stripe;
    await h.control('POST', `/invoices/${vendorId}/payment`, { outcome: 'succeeded', amount: 8000 });
    const partial = await waitFor(async () =>
      (await h.outboxEvents()).find((e) => e.type === 'invoice.partially_paid' && e.subject === 'invoice/INV-L1'),
    );
    expect(partial.data).toMatchObject({
      invoiceId: 'INV-L1',
      amountPaid: { amountMinor: 8000, currency: 'USD' },
      amountRemaining: { amountMinor: 100000, currency: 'USD' },
    });
    expect((await h.api('GET', '/invoices/INV-L1/payment')).body).toMatchObject({
      status: 'finalized',
      amountPaid: { amountMinor: 8000 },
      amountRemaining: { amountMinor: 100000 },
    });
    await h.control('POST', `/invoices/${vendorId}/payment`, { outcome: 'succeeded' });
    const paid = await waitFor(async () =>
      (await h.outboxEvents()).find((e) => e.type === 'invoice.paid' && e.subject === 'invoice/INV-L1'),
    );
    expect(paid.data.amountPaid).toEqual({ amountMinor: 108000, currency: 'USD' });
  });
});
