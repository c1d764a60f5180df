import { ProblemError } from '@app/platform';
import Stripe from 'stripe';

export const STRIPE = 'stripe';

/** Stripe request parameters -> the canonical field they come from (for the problem's `errors`). */
const CANONICAL_FIELDS: Record<string, string> = {
  customer: 'customerId',
  currency: 'currency',
  amount: 'lines[].amount',
  email: 'billingEmail',
  name: 'name',
  days_until_due: 'dueDate',
  description: 'lines[].description',
  period: 'periodStart',
  'period[end]': 'periodEnd',
  metadata: 'id',
  address: 'billingAddress',
  invoice: 'id',
};

/** The canonical field of a Stripe credit note parameter (`lines[0][amount]` -> `lines[0].amount`). */
export function creditNoteFieldOf(param: string | undefined): string | undefined {
  if (!param) return undefined;
  if (param === 'credit_amount' || param === 'out_of_band_amount') return 'settlement';
  const line = /^lines\[(\d+)\](?:\[(\w+)\])?/.exec(param);
  if (line) return `lines[${line[1]}]${line[2] === 'invoice_line_item' ? '.invoiceLineId' : line[2] ? '.amount' : ''}`;
  return param === 'invoice' ? 'invoiceId' : param;
}

export function canonicalFieldOf(param: string | undefined): string | undefined {
  if (!param) return undefined;
  return CANONICAL_FIELDS[param] ?? CANONICAL_FIELDS[param.replace(/\[.*$/, '')] ?? param;
}

/** What our retry policy may repeat: the same call with the same Idempotency-Key. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeRateLimitError) return true;
  if (error instanceof Stripe.errors.StripeConnectionError) return true;
  if (error instanceof Stripe.errors.StripeAPIError) return true;
  if (error instanceof Stripe.errors.StripeIdempotencyError && error.statusCode === 409) return true; // first request still running
  if (error instanceof Stripe.errors.StripeError) {
    const should = error.headers?.['stripe-should-retry'];
    if (should === 'true') return true;
    if (should === 'false') return false;
    return (error.statusCode ?? 0) >= 500;
  }
  return false;
}

/** Retry-After of a Stripe answer, in milliseconds. */
export function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof Stripe.errors.StripeError)) return undefined;
  const raw = error.headers?.['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * A Stripe error as application/problem+json keeping the vendor's code (`vendor: "stripe"`,
 * `vendorCode`) and the canonical field it concerns:
 * invalid request -> 422 (404 for a missing object), card error -> 422, idempotency conflict -> 409,
 * bad API key -> 502 (our configuration, not the caller's fault), rate limit left after retries -> 503,
 * Stripe 5xx -> 502, no answer -> 504, unreachable -> 503.
 */
export function stripeProblem(
  error: unknown,
  action: string,
  fieldOf: (param: string | undefined) => string | undefined = canonicalFieldOf,
): ProblemError {
  if (error instanceof ProblemError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new ProblemError(502, 'bad-gateway', 'Bad Gateway', `${action}: unexpected failure talking to stripe`, {
      dependency: STRIPE,
      vendor: STRIPE,
    });
  }
  const vendorCode = error.code ?? error.rawType ?? error.type;
  const base = { dependency: STRIPE, vendor: STRIPE, vendorCode, upstreamStatus: error.statusCode };
  const detail = `${action}: stripe answered ${error.message}`;
  const field = fieldOf(error.param);
  const errors = field ? [{ field, message: error.message }] : undefined;
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new ProblemError(
      502,
      'vendor-authentication-failed',
      'Vendor authentication failed',
      `${action}: stripe rejected our API key (check STRIPE_SECRET_KEY)`,
      base,
    );
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new ProblemError(409, 'vendor-idempotency-conflict', 'Conflict', detail, base);
  }
  if (error instanceof Stripe.errors.StripeCardError) {
    return new ProblemError(422, 'payment-declined', 'Payment declined', detail, {
      ...base,
      declineCode: error.decline_code,
    });
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    const after = retryAfterMs(error);
    return new ProblemError(
      503,
      'upstream-unavailable',
      'Service Unavailable',
      `${action}: stripe is rate limiting us`,
      {
        ...base,
        retryAfterSeconds: after !== undefined ? Math.ceil(after / 1000) : undefined,
      },
    );
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    const timedOut = /timed? ?out|timeout/i.test(error.message);
    return timedOut
      ? new ProblemError(504, 'upstream-timeout', 'Gateway Timeout', `${action}: stripe did not answer in time`, base)
      : new ProblemError(503, 'upstream-unavailable', 'Service Unavailable', `${action}: stripe is unreachable`, base);
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (error.statusCode === 404) return new ProblemError(404, 'not-found', 'Not Found', detail, { ...base, errors });
    return new ProblemError(422, 'vendor-rejected', 'Unprocessable Entity', detail, { ...base, errors });
  }
  return new ProblemError(502, 'bad-gateway', 'Bad Gateway', detail, base);
}
