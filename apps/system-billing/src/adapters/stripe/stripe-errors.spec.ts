import Stripe from 'stripe';
import { withStripeRetry } from './stripe-call';
import { creditNoteFieldOf, isRetryable, retryAfterMs, stripeProblem } from './stripe-errors';

const raw = (extra: Record<string, unknown>) => ({ message: 'boom', ...extra }) as never;

describe('stripe errors', () => {
  it('maps each Stripe error class to problem+json with vendor, vendorCode and the canonical field', () => {
    const invalid = stripeProblem(
      new Stripe.errors.StripeInvalidRequestError(
        raw({ statusCode: 400, code: 'resource_missing', param: 'customer', type: 'invalid_request_error' }),
      ),
      'create invoice',
    );
    expect(invalid.status).toBe(422);
    expect(invalid.toProblem()).toMatchObject({
      vendor: 'stripe',
      vendorCode: 'resource_missing',
      errors: [{ field: 'customerId', message: 'boom' }],
    });
    expect(
      stripeProblem(
        new Stripe.errors.StripeInvalidRequestError(raw({ statusCode: 404, code: 'resource_missing' })),
        'x',
      ).status,
    ).toBe(404);
    expect(stripeProblem(new Stripe.errors.StripeAuthenticationError(raw({ statusCode: 401 })), 'x').status).toBe(502);
    expect(
      stripeProblem(new Stripe.errors.StripeIdempotencyError(raw({ statusCode: 400, type: 'idempotency_error' })), 'x')
        .status,
    ).toBe(409);
    expect(
      stripeProblem(new Stripe.errors.StripeCardError(raw({ statusCode: 402, code: 'card_declined' })), 'x').status,
    ).toBe(422);
    const limited = stripeProblem(
      new Stripe.errors.StripeRateLimitError(raw({ statusCode: 429, headers: { 'retry-after': '3' } })),
      'x',
    );
    expect(limited.status).toBe(503);
    expect(limited.toProblem()).toMatchObject({ retryAfterSeconds: 3 });
    expect(stripeProblem(new Stripe.errors.StripeAPIError(raw({ statusCode: 500 })), 'x').status).toBe(502);
    expect(
      stripeProblem(
        new Stripe.errors.StripeConnectionError(raw({ message: 'Request aborted due to timeout being reached' })),
        'x',
      ).status,
    ).toBe(504);
    expect(
      stripeProblem(new Stripe.errors.StripeConnectionError(raw({ message: 'connect ECONNREFUSED' })), 'x').status,
    ).toBe(503);
  });

  it('retries 5xx, 429 and network failures but not a rejected request', () => {
    expect(isRetryable(new Stripe.errors.StripeAPIError(raw({ statusCode: 500 })))).toBe(true);
    expect(isRetryable(new Stripe.errors.StripeRateLimitError(raw({ statusCode: 429 })))).toBe(true);
    expect(isRetryable(new Stripe.errors.StripeConnectionError(raw({})))).toBe(true);
    expect(isRetryable(new Stripe.errors.StripeInvalidRequestError(raw({ statusCode: 400 })))).toBe(false);
    expect(isRetryable(new Stripe.errors.StripeIdempotencyError(raw({ statusCode: 409 })))).toBe(true);
    expect(retryAfterMs(new Stripe.errors.StripeRateLimitError(raw({ headers: { 'retry-after': '2' } })))).toBe(2000);
  });

  it('repeats a call with the same arguments until it succeeds, and gives up past a long Retry-After', async () => {
    let calls = 0;
    const policy = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 };
    const result = await withStripeRetry(policy, 'x', async () => {
      calls += 1;
      if (calls < 3) throw new Stripe.errors.StripeAPIError(raw({ statusCode: 500 }));
      return 'ok';
    });
    expect([result, calls]).toEqual(['ok', 3]);
    calls = 0;
    await expect(
      withStripeRetry(policy, 'x', async () => {
        calls += 1;
        throw new Stripe.errors.StripeRateLimitError(raw({ statusCode: 429, headers: { 'retry-after': '60' } }));
      }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(calls).toBe(1);
  });

  it('names the canonical field of a credit note parameter', () => {
    expect(creditNoteFieldOf('amount')).toBe('amount');
    expect(creditNoteFieldOf('credit_amount')).toBe('settlement');
    expect(creditNoteFieldOf('out_of_band_amount')).toBe('settlement');
    expect(creditNoteFieldOf('lines[2][amount]')).toBe('lines[2].amount');
    expect(creditNoteFieldOf('lines[0][invoice_line_item]')).toBe('lines[0].invoiceLineId');
    expect(creditNoteFieldOf('lines[1]')).toBe('lines[1]');
    expect(creditNoteFieldOf('invoice')).toBe('invoiceId');
    expect(creditNoteFieldOf(undefined)).toBeUndefined();
  });
});
