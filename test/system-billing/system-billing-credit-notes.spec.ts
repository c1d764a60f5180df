import Stripe from 'stripe';
import { BillingHarness, customer, invoice } from './billing-test-harness';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** Credit notes through /system/billing/v1 against the Stripe sandbox (Stripe's credit_notes API). */
describe('system-billing credit notes with the Stripe sandbox', () => {
  let h: BillingHarness;
  let stripeInvoice: string;

  beforeAll(async () => {
    h = await BillingHarness.start();
    await h.api('POST', '/customers', customer('CUST-CN'));
    const created = await h.api('POST', '/invoices', invoice('INV-CN1', 'CUST-CN', 2)); // 2 x 1,000.00 + 8% tax
    stripeInvoice = created.body.crossReferences.stripe as string;
  });

  afterAll(async () => {
    await h?.stop();
  });

  const credit = (body: unknown, headers: Record<string, string> = {}) =>
    h.api('POST', '/invoices/INV-CN1/credit-notes', body, headers);

  it('refuses bad requests with problem+json naming the field', async () => {
    for (const [body, field] of [
      [{ amount: usd(100) }, 'id'],
      [{ id: 'CN-X', amount: usd(100), lines: [{ invoiceLineId: 'INV-CN1-L1' }] }, 'amount'],
      [{ id: 'CN-X' }, 'amount'],
      [{ id: 'CN-X', lines: [{ amount: usd(100) }] }, 'lines[0].description'],
      [{ id: 'CN-X', amount: usd(0) }, 'amount'],
      [{ id: 'CN-X', amount: usd(100), reason: 'because' }, 'reason'],
      [{ id: 'CN-X', amount: usd(100), settlement: 'cash' }, 'settlement'],
    ] as const) {
      const res = await credit(body);
      expect([res.status, res.headers.get('content-type')]).toEqual([400, expect.stringContaining('problem+json')]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContainEqual(expect.stringContaining(field));
    }
    const currency = await credit({ id: 'CN-X', amount: { amountMinor: 100, currency: 'EUR' } });
    expect([currency.status, currency.body.errors[0].field]).toEqual([422, 'amount.currency']);
    const line = await credit({ id: 'CN-X', lines: [{ invoiceLineId: 'INV-CN1-L9' }] });
    expect([line.status, line.body.errors[0].field]).toEqual([422, 'lines[0].invoiceLineId']);
    expect((await h.api('POST', '/invoices/NOPE/credit-notes', { id: 'CN-X', amount: usd(1) })).status).toBe(404);
    // A draft cannot be credited: Stripe refuses, the problem names stripe.
    const draft = await credit({ id: 'CN-X', amount: usd(100) });
    expect(draft.status).toBe(422);
    expect(draft.body).toMatchObject({ vendor: 'stripe' });
  });

  it('credits part of a line of an open invoice (pre-payment), once per id', async () => {
    expect((await h.api('POST', '/invoices/INV-CN1/finalize')).status).toBe(200);
    const body = {
      id: 'CN-1',
      lines: [{ invoiceLineId: 'INV-CN1-L1', amount: usd(25000) }],
      reason: 'order-change',
      memo: 'Scope reduced',
    };
    const first = await credit(body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: 'CN-1',
      crossReferences: { stripe: expect.stringMatching(/^cn_/) },
      invoiceId: 'INV-CN1',
      number: expect.any(String),
      status: 'issued',
      amount: usd(25000),
      prePaymentAmount: usd(25000),
      postPaymentAmount: usd(0),
      reason: 'order-change',
      memo: 'Scope reduced',
      lines: [{ invoiceLineId: 'INV-CN1-L1', description: 'Consulting 1', amount: usd(25000) }],
      createdAt: expect.any(String),
    });
    const again = await credit(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const inv = await h.stripe.invoices.retrieve(stripeInvoice);
    expect(inv).toMatchObject({ amount_remaining: 216000 - 25000, pre_payment_credit_notes_amount: 25000 });
    expect((await h.stripe.creditNotes.list({ invoice: stripeInvoice })).data).toHaveLength(1);
  });

  it('uses the caller Idempotency-Key as the identity when the body has no id', async () => {
    const key = { 'idempotency-key': 'caller-key-42' };
    const first = await credit({ amount: usd(10000), reason: 'duplicate' }, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: expect.stringMatching(/^cn-[0-9a-f]{32}$/), amount: usd(10000) });
    const again = await credit({ amount: usd(10000), reason: 'duplicate' }, key);
    expect([again.status, again.body.crossReferences]).toEqual([200, first.body.crossReferences]);
    const other = await credit({ amount: usd(999) }, key);
    expect(other.status).toBe(409);
    expect((await h.stripe.creditNotes.list({ invoice: stripeInvoice })).data).toHaveLength(2);
  });

  it('credits a paid invoice beyond what was due: customer balance by default, or settled outside Stripe', async () => {
    await h.control('POST', `/invoices/${stripeInvoice}/payment`, { outcome: 'succeeded' });
    const balance = await credit({ id: 'CN-3', amount: usd(50000), memo: 'Goodwill' });
    expect(balance.status).toBe(201);
    expect(balance.body).toMatchObject({
      prePaymentAmount: usd(0),
      postPaymentAmount: usd(50000),
      settlement: 'customer-balance',
    });
    const cn = await h.stripe.creditNotes.retrieve(balance.body.crossReferences.stripe as string);
    expect(cn).toMatchObject({ type: 'post_payment', customer_balance_transaction: expect.stringMatching(/^cbtxn_/) });
    const stripeCustomer = (await h.stripe.customers.retrieve(cn.customer as string)) as Stripe.Customer;
    expect(stripeCustomer.balance).toBe(-50000);

    const outside = await credit({ id: 'CN-4', amount: usd(1000), settlement: 'outside' });
    expect(outside.body).toMatchObject({ postPaymentAmount: usd(1000), settlement: 'outside' });
    expect(
      (await h.stripe.creditNotes.retrieve(outside.body.crossReferences.stripe as string)).out_of_band_amount,
    ).toBe(1000);
    // Stripe requires the post-payment part allocated: a bare SDK call is refused by the sandbox.
    await expect(h.stripe.creditNotes.create({ invoice: stripeInvoice, amount: 100 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
    });
    // More than the invoice total is refused (Stripe's message, problem naming stripe).
    const tooMuch = await credit({ id: 'CN-5', amount: usd(500000) });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ vendor: 'stripe', errors: [{ field: 'amount' }] });
  });

  it('lists the credit notes of an invoice, oldest first, with canonical ids', async () => {
    const list = await h.api('GET', '/invoices/INV-CN1/credit-notes');
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: { id: string; amount: { amountMinor: number } }) => n.amount.amountMinor)).toEqual([
      25000, 10000, 50000, 1000,
    ]);
    expect(list.body.items[0].id).toBe('CN-1');
    expect((await h.api('GET', '/invoices/NOPE/credit-notes')).status).toBe(404);
  });
});
