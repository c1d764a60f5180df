import Stripe from 'stripe';
import { BillingHarness, customer, invoice, waitFor, WEBHOOK_SECRET } from './billing-test-harness';

/** system-billing against the Stripe sandbox over HTTP, webhooks included. */
describe('system-billing with the Stripe sandbox', () => {
  let h: BillingHarness;

  beforeAll(async () => {
    h = await BillingHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  afterEach(async () => {
    await h.control('DELETE', '/faults');
  });

  it('creates a billing customer once and exposes the cross-reference', async () => {
    const first = await h.api('POST', '/customers', customer('CUST-A'));
    expect(first.status).toBe(201);
    expect(first.body.crossReferences.stripe).toMatch(/^cus_/);
    const again = await h.api('POST', '/customers', customer('CUST-A'));
    expect(again.status).toBe(200);
    expect(again.body.crossReferences.stripe).toBe(first.body.crossReferences.stripe);
    const got = await h.api('GET', '/customers/CUST-A');
    expect(got.body).toMatchObject({
      id: 'CUST-A',
      name: 'Customer CUST-A',
      paymentTermsDays: 30,
      legalEntityId: 'US-01',
    });
    const ref = await h.api('GET', '/cross-references/customer/CUST-A');
    expect(ref.body).toEqual({
      kind: 'customer',
      canonicalId: 'CUST-A',
      system: 'stripe',
      vendorId: first.body.crossReferences.stripe,
    });
    const stripeCustomer = (await h.stripe.customers.retrieve(first.body.crossReferences.stripe)) as Stripe.Customer;
    expect(stripeCustomer.metadata).toMatchObject({ canonical_id: 'CUST-A', payment_terms_days: '30' });
  });

  it('creates an invoice with its lines and tax, finalizes, sends and reports payment; webhooks become outbox events', async () => {
    await h.api('POST', '/customers', customer('CUST-B'));
    const created = await h.api('POST', '/invoices', invoice('INV-B1', 'CUST-B', 2));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'INV-B1',
      status: 'draft',
      total: { amountMinor: 216000, currency: 'USD' },
    });
    const stripeId = created.body.crossReferences.stripe as string;
    expect(stripeId).toMatch(/^in_/);
    const inv = await h.stripe.invoices.retrieve(stripeId);
    expect(inv).toMatchObject({
      status: 'draft',
      total: 216000,
      currency: 'usd',
      collection_method: 'send_invoice',
      days_until_due: 30,
    });
    expect(inv.lines.data.map((l) => [l.amount, l.metadata.canonical_line_id ?? l.metadata.canonical_kind])).toEqual([
      [100000, 'INV-B1-L1'],
      [100000, 'INV-B1-L2'],
      [16000, 'tax'],
    ]);

    const finalized = await h.api('POST', '/invoices/INV-B1/finalize');
    expect(finalized.status).toBe(200);
    expect(finalized.body).toMatchObject({ status: 'finalized', number: expect.stringMatching(/-0001$/) });
    expect(finalized.body.dueDate).toBeDefined();
    expect((await h.api('POST', '/invoices/INV-B1/finalize')).body.status).toBe('finalized'); // again: as it is
    expect((await h.api('POST', '/invoices/INV-B1/send')).status).toBe(200);

    await h.control('POST', `/invoices/${stripeId}/payment`, { outcome: 'failed' });
    const failedStatus = await h.api('GET', '/invoices/INV-B1/payment');
    expect(failedStatus.body).toMatchObject({
      status: 'finalized',
      paid: false,
      attemptCount: 1,
      lastFailureCode: 'card_declined',
    });
    await h.control('POST', `/invoices/${stripeId}/payment`, { outcome: 'succeeded' });
    const paid = await h.api('GET', '/invoices/INV-B1/payment');
    expect(paid.body).toMatchObject({
      status: 'paid',
      paid: true,
      amountPaid: { amountMinor: 216000 },
      amountRemaining: { amountMinor: 0 },
    });

    const events = await waitFor(async () => {
      const e = (await h.outboxEvents()).filter((x) => x.subject === 'invoice/INV-B1');
      return e.length >= 3 ? e : undefined;
    });
    // Webhooks may arrive in any order (as with Stripe): one canonical event per Stripe event.
    expect(events.map((e) => e.type).sort()).toEqual(['invoice.finalized', 'invoice.paid', 'invoice.payment_failed']);
    const of = (type: string) => events.find((e) => e.type === type)!;
    expect(of('invoice.finalized')).toMatchObject({
      source: 'system-billing',
      data: { invoice: { id: 'INV-B1', status: 'finalized', crossReferences: { stripe: stripeId } } },
    });
    expect(of('invoice.payment_failed').data).toMatchObject({
      invoiceId: 'INV-B1',
      attemptCount: 1,
      failureCode: 'card_declined',
      amountDue: { amountMinor: 216000 },
    });
    expect(of('invoice.paid').data).toMatchObject({
      invoiceId: 'INV-B1',
      amountPaid: { amountMinor: 216000, currency: 'USD' },
      payment: { status: 'succeeded' },
    });
    expect((await h.api('GET', '/invoices/INV-B1')).body).toMatchObject({
      status: 'paid',
      amountPaid: { amountMinor: 216000 },
      amountDue: { amountMinor: 0 },
    });
  });

  it('voids a finalized invoice (invoice.voided) and refuses to void a draft with 409', async () => {
    await h.api('POST', '/customers', customer('CUST-C'));
    await h.api('POST', '/invoices', invoice('INV-C1', 'CUST-C', 1));
    const draftVoid = await h.api('POST', '/invoices/INV-C1/void');
    expect(draftVoid.status).toBe(409);
    expect(draftVoid.headers.get('content-type')).toContain('application/problem+json');
    expect(draftVoid.body).toMatchObject({ vendor: 'stripe' });
    await h.api('POST', '/invoices/INV-C1/finalize');
    expect((await h.api('POST', '/invoices/INV-C1/void')).body.status).toBe('void');
    const voided = await waitFor(async () =>
      (await h.outboxEvents()).find((e) => e.type === 'invoice.voided' && e.subject === 'invoice/INV-C1'),
    );
    expect(voided.data).toMatchObject({ invoiceId: 'INV-C1', voidedAt: expect.any(String) });
  });

  it('creates exactly one Stripe invoice and one item per line under 20% injected 5xx, lost answers and 429 bursts', async () => {
    await h.api('POST', '/customers', customer('CUST-F'));
    await h.control('POST', '/faults', {
      errorRate: 0.2,
      lostResponseRate: 0.1,
      rateLimitRate: 0.05,
      rateLimitBurst: 2,
      retryAfterSeconds: 0,
      seed: 42,
    });
    const ids = ['INV-F1', 'INV-F2', 'INV-F3'];
    for (const id of ids) {
      let res = await h.api('POST', '/invoices', invoice(id, 'CUST-F', 3));
      // A caller repeats a create that failed after our retries: still no duplicate.
      for (let i = 0; i < 5 && res.status >= 500; i++) res = await h.api('POST', '/invoices', invoice(id, 'CUST-F', 3));
      expect([200, 201]).toContain(res.status);
    }
    await h.control('DELETE', '/faults');
    const customerId = (await h.api('GET', '/cross-references/customer/CUST-F')).body.vendorId as string;
    const all = await h.stripe.invoices.list({ customer: customerId, limit: 100 }).autoPagingToArray({ limit: 1000 });
    expect(all.map((i) => i.metadata?.canonical_id).sort()).toEqual(ids);
    for (const inv of all) {
      const items = await h.stripe.invoiceItems.list({ invoice: inv.id, limit: 100 });
      expect(items.data).toHaveLength(4);
      expect(inv.total).toBe(324000);
    }
    const customers = await h.stripe.customers.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
    expect(customers.filter((c) => c.metadata?.canonical_id === 'CUST-F')).toHaveLength(1);
  });

  it('looks an invoice up by metadata when its idempotency keys may have expired, adding only the missing lines', async () => {
    await h.api('POST', '/customers', customer('CUST-K'));
    const customerId = (await h.api('GET', '/cross-references/customer/CUST-K')).body.vendorId as string;
    // An earlier attempt, more than a day ago, created the invoice and its first line, then died.
    const earlier = await h.stripe.invoices.create({
      customer: customerId,
      currency: 'usd',
      collection_method: 'send_invoice',
      days_until_due: 30,
      metadata: { canonical_id: 'INV-K1' },
    });
    await h.stripe.invoiceItems.create({
      customer: customerId,
      invoice: earlier.id,
      amount: 100000,
      currency: 'usd',
      metadata: { canonical_invoice_id: 'INV-K1', canonical_line_id: 'INV-K1-L1' },
    });
    await h.control('POST', '/idempotency-keys/expire');
    await h.startBilling({ STRIPE_IDEMPOTENCY_KEY_TRUST_SECONDS: '0' });
    try {
      const res = await h.api('POST', '/invoices', invoice('INV-K1', 'CUST-K', 2));
      expect(res.status).toBe(201);
      expect(res.body.crossReferences.stripe).toBe(earlier.id);
      const invoices = await h.stripe.invoices.list({ customer: customerId });
      expect(invoices.data).toHaveLength(1);
      const items = await h.stripe.invoiceItems.list({ invoice: earlier.id });
      expect(items.data.map((i) => i.metadata?.canonical_line_id ?? i.metadata?.canonical_kind).sort()).toEqual([
        'INV-K1-L1',
        'INV-K1-L2',
        'tax',
      ]);
    } finally {
      await h.startBilling({ STRIPE_IDEMPOTENCY_KEY_TRUST_SECONDS: '82800' });
    }
  });

  it('verifies webhook signatures on the raw body and publishes each Stripe event once', async () => {
    const bad = await h.api('POST', '/webhooks/stripe', '{"id":"evt_1","object":"event"}', {
      'stripe-signature': 't=1,v1=deadbeef',
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ vendor: 'stripe', vendorCode: 'signature_verification_failed' });
    const missing = await h.api('POST', '/webhooks/stripe', '{}');
    expect(missing.status).toBe(400);

    await h.api('POST', '/customers', customer('CUST-W'));
    const created = await h.api('POST', '/invoices', invoice('INV-W1', 'CUST-W', 1));
    const stripeInvoice = await h.stripe.invoices.retrieve(created.body.crossReferences.stripe);
    const payload = JSON.stringify({
      id: 'evt_manual_1',
      object: 'event',
      type: 'invoice.voided',
      created: 1748736000,
      data: {
        object: {
          ...stripeInvoice,
          status: 'void',
          status_transitions: { ...stripeInvoice.status_transitions, voided_at: 1748736000 },
        },
      },
    });
    const signature = h.stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const first = await h.api('POST', '/webhooks/stripe', payload, { 'stripe-signature': signature });
    expect(first.body).toEqual({ received: true, outcome: 'published' });
    const second = await h.api('POST', '/webhooks/stripe', payload, { 'stripe-signature': signature });
    expect(second.body).toEqual({ received: true, outcome: 'duplicate' });
    const voided = (await h.outboxEvents()).filter(
      (e) => e.subject === 'invoice/INV-W1' && e.type === 'invoice.voided',
    );
    expect(voided).toHaveLength(1);
    // A body altered after signing does not verify.
    const tampered = await h.api('POST', '/webhooks/stripe', payload.replace('evt_manual_1', 'evt_manual_2'), {
      'stripe-signature': signature,
    });
    expect(tampered.status).toBe(401);
  });

  it('maps Stripe errors to problem+json naming stripe, its code and the canonical field', async () => {
    const unknownCustomer = await h.api('POST', '/invoices', invoice('INV-E1', 'CUST-NONE', 1));
    expect(unknownCustomer.status).toBe(422);
    expect(unknownCustomer.body.errors).toEqual([{ field: 'customerId', message: 'unknown billing customer' }]);

    await h.api('POST', '/customers', customer('CUST-E'));
    const vendorId = (await h.api('GET', '/cross-references/customer/CUST-E')).body.vendorId as string;
    await h.stripe.customers.del(vendorId); // deleted at Stripe behind our back
    const res = await h.api('POST', '/invoices', invoice('INV-E2', 'CUST-E', 1));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      vendor: 'stripe',
      vendorCode: 'resource_missing',
      errors: [{ field: 'customerId' }],
    });
    const missing = await h.api('GET', '/invoices/INV-NOPE');
    expect(missing.status).toBe(404);
  });

  it('answers 502 naming stripe when Stripe rejects the API key', async () => {
    await h.startBilling({ STRIPE_SECRET_KEY: 'sk_test_revoked' });
    try {
      const res = await h.api('POST', '/customers', customer('CUST-401'));
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({
        vendor: 'stripe',
        type: expect.stringContaining('vendor-authentication-failed'),
        upstreamStatus: 401,
      });
    } finally {
      await h.startBilling({ STRIPE_SECRET_KEY: 'sk_test_sandbox' });
    }
  });

  it('opens the circuit during a Stripe outage (fast 503, visible in /metrics) and closes it after recovery', async () => {
    await h.startBilling({
      STRIPE_MAX_RETRIES: '1',
      STRIPE_BREAKER_THRESHOLD: '3',
      STRIPE_BREAKER_HALF_OPEN_AFTER_MS: '300',
    });
    const circuit = async () => {
      const text = await (await fetch(`${h.billing.url}/metrics`)).text();
      return /http_client_circuit_state\{[^}]*target="stripe"[^}]*\} (\d)/.exec(text)?.[1];
    };
    try {
      await h.control('POST', '/faults', { outageMs: 60000 });
      for (let i = 0; i < 3; i++) {
        const down = await h.api('POST', '/customers', customer('CUST-503'));
        expect(down.status).toBe(502);
        expect(down.body).toMatchObject({ vendor: 'stripe', upstreamStatus: 503 });
      }
      const started = Date.now();
      const fast = await h.api('POST', '/customers', customer('CUST-503'));
      expect(fast.status).toBe(503);
      expect(fast.body).toMatchObject({ dependency: 'stripe', circuit: 'open' });
      expect(Date.now() - started).toBeLessThan(1000); // no retries, no call to Stripe
      expect(await circuit()).toBe('1');
      await h.control('DELETE', '/faults');
      await new Promise((r) => setTimeout(r, 350));
      expect((await h.api('POST', '/customers', customer('CUST-503'))).status).toBe(201);
      expect(await circuit()).toBe('0');
    } finally {
      await h.startBilling({
        STRIPE_MAX_RETRIES: '6',
        STRIPE_BREAKER_THRESHOLD: '5',
        STRIPE_BREAKER_HALF_OPEN_AFTER_MS: '10000',
      });
    }
  });
});
