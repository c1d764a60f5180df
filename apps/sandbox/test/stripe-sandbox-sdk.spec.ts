import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { stripeSandboxApp } from '../src/stripe/stripe-sandbox.app';
import { demoFirm } from '../src/common/demo-firm';

interface Received {
  body: string;
  signature: string;
}

/** Stripe's own Node SDK against the sandbox, unchanged: only host, port and protocol point at it. */
describe('Stripe sandbox with the stripe SDK', () => {
  let db: TestDatabase;
  let sandbox: RunningApp;
  let stripe: Stripe;
  let hook: Server;
  let hookUrl: string;
  const received: Received[] = [];
  let hookStatus = 200;
  const savedEnv = { ...process.env };

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as any) };
  };

  const waitFor = async <T>(fn: () => T | undefined, ms = 5000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = fn();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    hook = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['stripe-signature']) });
        res.statusCode = hookStatus;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks`;
    db = await createTestDatabase('sandbox_stripe_sdk');
    process.env.DATABASE_URL = db.url;
    process.env.SANDBOX_STRIPE_WEBHOOK_RETRY_BASE_MS = '50';
    process.env.SANDBOX_STRIPE_RATE_LIMIT = '1000';
    sandbox = await bootstrapApp(stripeSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    const url = new URL(sandbox.url);
    stripe = new Stripe('sk_test_sandbox', {
      host: url.hostname,
      port: Number(url.port),
      protocol: 'http',
      maxNetworkRetries: 0,
    });
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    await new Promise((r) => hook?.close(r));
    process.env = savedEnv;
  });

  it('creates, retrieves, updates and lists customers with nested metadata', async () => {
    const c = await stripe.customers.create({
      name: 'Acme',
      email: 'ap@acme.example',
      metadata: { canonical_id: 'CUST-1' },
    });
    expect(c).toMatchObject({
      object: 'customer',
      name: 'Acme',
      livemode: false,
      metadata: { canonical_id: 'CUST-1' },
    });
    expect(c.id).toMatch(/^cus_/);
    expect(Number.isInteger(c.created)).toBe(true);
    const updated = await stripe.customers.update(c.id, { metadata: { tier: 'gold' } });
    expect(updated.metadata).toEqual({ canonical_id: 'CUST-1', tier: 'gold' });
    expect(await stripe.customers.retrieve(c.id)).toMatchObject({ id: c.id, email: 'ap@acme.example' });
    const list = await stripe.customers.list({ limit: 2 });
    expect(list).toMatchObject({ object: 'list', url: '/v1/customers', has_more: true });
    expect(list.data[0].id).toBe(c.id); // newest first; the seed has three more
    await expect(stripe.customers.retrieve('cus_nope')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
    });
  });

  it('builds an invoice from invoice items, finalizes, pays and lists its lines', async () => {
    const c = await stripe.customers.create({ name: 'Globex', email: 'billing@globex.example' });
    const invoice = await stripe.invoices.create({
      customer: c.id,
      collection_method: 'send_invoice',
      days_until_due: 30,
      metadata: { canonical_id: 'INV-1' },
    });
    expect(invoice).toMatchObject({ object: 'invoice', status: 'draft', total: 0, number: null });
    const a = await stripe.invoiceItems.create({
      customer: c.id,
      invoice: invoice.id,
      amount: 150000,
      currency: 'usd',
      description: 'Consulting, May',
      period: { start: 1746057600, end: 1748649600 },
      metadata: { line: '1' },
    });
    expect(a).toMatchObject({ object: 'invoiceitem', amount: 150000, invoice: invoice.id, quantity: 1 });
    await stripe.invoiceItems.create({
      customer: c.id,
      invoice: invoice.id,
      unit_amount_decimal: '2500' as never,
      quantity: 4,
      currency: 'usd',
      description: 'Travel',
    });
    const draft = await stripe.invoices.retrieve(invoice.id);
    expect(draft).toMatchObject({
      subtotal: 160000,
      total: 160000,
      amount_due: 160000,
      amount_paid: 0,
      amount_remaining: 160000,
    });
    expect(draft.lines.data).toHaveLength(2);

    const open = await stripe.invoices.finalizeInvoice(invoice.id);
    expect(open.status).toBe('open');
    expect(open.number).toMatch(/^[A-Z0-9]{8}-0001$/);
    expect(open.due_date).toBe((open.status_transitions.finalized_at as number) + 30 * 86400);
    await expect(stripe.invoices.finalizeInvoice(invoice.id)).rejects.toMatchObject({
      statusCode: 400,
      code: 'invoice_not_editable',
    });
    await expect(
      stripe.invoiceItems.create({ customer: c.id, invoice: invoice.id, amount: 1, currency: 'usd' }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });

    const lines = await stripe.invoices.listLineItems(invoice.id, { limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(lines.map((l) => l.amount)).toEqual([150000, 10000]);

    const sent = await stripe.invoices.sendInvoice(invoice.id);
    expect(sent.status).toBe('open');
    const paid = await stripe.invoices.pay(invoice.id, { paid_out_of_band: true });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 160000, amount_remaining: 0 });
    await expect(stripe.invoices.voidInvoice(invoice.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('voids an open invoice, rejects voiding a draft, and issues credit notes', async () => {
    const c = await stripe.customers.create({ name: 'Initech' });
    const inv = await stripe.invoices.create({
      customer: c.id,
      collection_method: 'send_invoice',
      days_until_due: 14,
      currency: 'eur',
    });
    await expect(stripe.invoices.voidInvoice(inv.id)).rejects.toMatchObject({ statusCode: 400 });
    await stripe.invoiceItems.create({ customer: c.id, invoice: inv.id, amount: 10000, currency: 'eur' });
    const open = await stripe.invoices.finalizeInvoice(inv.id);
    const cn = await stripe.creditNotes.create({ invoice: inv.id, amount: 2500, reason: 'order_change' });
    expect(cn).toMatchObject({ object: 'credit_note', amount: 2500, currency: 'eur', type: 'pre_payment' });
    expect(cn.id).toMatch(/^cn_/);
    const lineCredit = await stripe.creditNotes.create({
      invoice: inv.id,
      lines: [{ type: 'invoice_line_item', invoice_line_item: open.lines.data[0].id, amount: 500 }],
    });
    expect(lineCredit.amount).toBe(500);
    expect(await stripe.invoices.retrieve(inv.id)).toMatchObject({
      amount_due: 7000,
      amount_remaining: 7000,
      pre_payment_credit_notes_amount: 3000,
    });
    const notes = await stripe.creditNotes.list({ invoice: inv.id });
    expect(notes.data.map((n) => n.id)).toEqual([lineCredit.id, cn.id]);
    await expect(stripe.creditNotes.create({ invoice: inv.id, amount: 99999 })).rejects.toMatchObject({
      statusCode: 400,
    });
    const voided = await stripe.invoices.voidInvoice(inv.id);
    expect(voided).toMatchObject({ status: 'void', amount_remaining: 0 });
  });

  it('pages through every invoice with auto-pagination (for await and autoPagingToArray)', async () => {
    const c = await stripe.customers.create({ name: 'Paging Co' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await stripe.invoices.create({ customer: c.id })).id);
    const seen: string[] = [];
    for await (const inv of stripe.invoices.list({ customer: c.id, limit: 3 })) seen.push(inv.id);
    expect(seen).toEqual([...ids].reverse());
    const drafts = await stripe.invoices
      .list({ customer: c.id, status: 'draft', limit: 2 })
      .autoPagingToArray({ limit: 100 });
    expect(drafts).toHaveLength(7);
    const before = await stripe.invoices.list({ customer: c.id, ending_before: ids[2], limit: 2 });
    expect(before.data.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    expect(before.has_more).toBe(true);
    await expect(stripe.invoices.list({ limit: 101 })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('replays an Idempotency-Key, rejects it with other parameters, and forgets it once expired', async () => {
    const first = await stripe.customers.create({ name: 'Idem' }, { idempotencyKey: 'cust-idem-1' });
    const again = await stripe.customers.create({ name: 'Idem' }, { idempotencyKey: 'cust-idem-1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    await expect(stripe.customers.create({ name: 'Other' }, { idempotencyKey: 'cust-idem-1' })).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
      statusCode: 400,
    });
    // An error is stored and replayed too.
    await expect(
      stripe.invoices.create({ customer: 'cus_missing' }, { idempotencyKey: 'inv-idem-err' }),
    ).rejects.toMatchObject({ code: 'resource_missing' });
    const replayed = await stripe.invoices
      .create({ customer: 'cus_missing' }, { idempotencyKey: 'inv-idem-err' })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((replayed as Stripe.errors.StripeError).headers?.['idempotent-replayed']).toBe('true');
    expect((await control('POST', '/idempotency-keys/expire')).body.expired).toBeGreaterThanOrEqual(2);
    const fresh = await stripe.customers.create({ name: 'Idem' }, { idempotencyKey: 'cust-idem-1' });
    expect(fresh.id).not.toBe(first.id);
  });

  it('rejects a missing or wrong API key with 401 in Stripe’s shape', async () => {
    const url = new URL(sandbox.url);
    const bad = new Stripe('sk_test_wrong_key_123456', {
      host: url.hostname,
      port: Number(url.port),
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(bad.customers.list()).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
      message: expect.stringContaining('Invalid API Key provided: sk_test_'),
    });
    const res = await fetch(`${sandbox.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringContaining('API key'),
    });
  });

  it('rate-limits past the configured requests per second with 429 rate_limit_error and Retry-After', async () => {
    await control('POST', '/rate-limit', { limit: 3 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => stripe.customers.list({ limit: 1 })));
    const limited = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(limited[0]).toMatchObject({ type: 'StripeRateLimitError', statusCode: 429 });
    expect(limited[0].headers['retry-after']).toBe('1');
    await control('POST', '/rate-limit', { limit: 1000 });
  });

  it('signs webhooks that stripe.webhooks.constructEvent verifies, retries failed deliveries, and lists events', async () => {
    const endpoint = await stripe.webhookEndpoints.create({
      url: hookUrl,
      enabled_events: ['invoice.finalized', 'invoice.paid', 'invoice.payment_failed', 'invoice.voided', 'invoice.sent'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const c = await stripe.customers.create({ name: 'Hooked' });
    const inv = await stripe.invoices.create({ customer: c.id });
    await stripe.invoiceItems.create({ customer: c.id, invoice: inv.id, amount: 4200, currency: 'usd' });
    hookStatus = 500; // the first delivery fails: the sandbox retries with backoff
    await stripe.invoices.finalizeInvoice(inv.id);
    await waitFor(() => (received.length >= 1 ? true : undefined));
    hookStatus = 200;
    const delivered = await waitFor(() => (received.length >= 2 ? received[1] : undefined));
    const event = stripe.webhooks.constructEvent(delivered.body, delivered.signature, endpoint.secret as string);
    expect(event).toMatchObject({ object: 'event', type: 'invoice.finalized', livemode: false });
    expect((event.data.object as Stripe.Invoice).id).toBe(inv.id);
    expect(() => stripe.webhooks.constructEvent(delivered.body, delivered.signature, 'whsec_wrong')).toThrow();

    await control('POST', `/invoices/${inv.id}/payment`, { outcome: 'failed' });
    await control('POST', `/invoices/${inv.id}/payment`, { outcome: 'succeeded' });
    const byEvent = await waitFor(() => {
      const seen = new Map<string, string>();
      for (const r of received) {
        const e = JSON.parse(r.body) as { id: string; type: string };
        seen.set(e.id, e.type);
      }
      return [...seen.values()].includes('invoice.paid') && seen.size >= 3 ? seen : undefined;
    });
    // Deliveries run concurrently: the order of arrival is not guaranteed (as with Stripe).
    expect([...byEvent.values()].sort()).toEqual(['invoice.finalized', 'invoice.paid', 'invoice.payment_failed']);
    const finalizedId = [...byEvent.entries()].find(([, t]) => t === 'invoice.finalized')![0];
    expect(received.filter((r) => r.body.includes(finalizedId)).length).toBeGreaterThanOrEqual(2); // retried
    const events = await stripe.events.list({ type: 'invoice.paid', limit: 5 });
    expect(events.data[0]).toMatchObject({ type: 'invoice.paid', data: { object: { id: inv.id, status: 'paid' } } });
    const state = (await control('GET', '/state')).body;
    expect(state.objects.invoice).toBeGreaterThan(0);
  });

  it('injects seeded faults: 500s, malformed bodies, latency', async () => {
    await control('POST', '/faults', { malformedRate: 1 });
    await expect(stripe.customers.list({ limit: 1 })).rejects.toMatchObject({ type: 'StripeAPIError' });
    await control('POST', '/faults', { errorRate: 1 });
    await expect(stripe.customers.list({ limit: 1 })).rejects.toMatchObject({
      type: 'StripeAPIError',
      statusCode: 500,
    });
    await control('POST', '/faults', { latencyMs: 150 });
    const started = Date.now();
    await stripe.customers.list({ limit: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await control('DELETE', '/faults');
    expect((await control('GET', '/state')).body.faults).toEqual({});
  });

  it('takes the shared fault plan of every sandbox: status, times, method, phase after, outage', async () => {
    const raw = (method: string, path: string, body?: string) =>
      fetch(`${sandbox.url}${path}`, {
        method,
        headers: {
          authorization: 'Bearer sk_test_sandbox',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body,
      });
    await control('POST', '/faults', { status: 503, times: 1, retryAfterSeconds: 2, method: 'GET' });
    const down = await raw('GET', '/v1/customers?limit=1');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('2');
    expect(((await down.json()) as any).error.type).toBe('api_error');
    expect((await raw('GET', '/v1/customers?limit=1')).status).toBe(200);
    // After: the create runs (and is kept), then the answer is lost.
    await control('POST', '/faults', { status: 500, phase: 'after', times: 1, method: 'POST' });
    const lost = await raw('POST', '/v1/customers', 'name=Lost%20answer');
    expect(lost.status).toBe(500);
    const found = await stripe.customers.list({ limit: 100 });
    expect(found.data.filter((c) => c.name === 'Lost answer')).toHaveLength(1);
    const bad = await control('POST', '/faults', { status: 200 });
    expect(bad.status).toBe(400);
    await control('POST', '/faults', { outageMs: 60_000 });
    expect((await raw('GET', '/v1/customers?limit=1')).status).toBe(503);
    expect((await control('GET', '/state')).body.faults).toEqual({ outageMs: 60_000 });
    await control('DELETE', '/faults');
    expect((await raw('GET', '/v1/customers?limit=1')).status).toBe(200);
  });

  it('keeps its state across a restart and resets to the seed', async () => {
    const c = await stripe.customers.create({ name: 'Durable' });
    await sandbox.close();
    sandbox = await bootstrapApp(stripeSandboxApp, {
      port: Number(new URL(sandbox.url).port),
      host: '127.0.0.1',
      logger: false,
    });
    expect((await stripe.customers.retrieve(c.id)).id).toBe(c.id);
    const reset = await control('POST', '/reset');
    expect(reset.status).toBe(200);
    // The demo firm's billing customers: one per account with projects.
    expect(reset.body.objects).toEqual({ customer: demoFirm().customers.filter((c) => c.hasProjects).length });
    const seeded = await stripe.customers.retrieve('cus_SEED0000000001');
    expect(seeded).toMatchObject({ name: demoFirm().customers[0].name, metadata: { canonical_id: 'ACC-0001' } });
    await expect(stripe.customers.retrieve(c.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});
