export type StripeErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | 'rate_limit_error';

/** Body of a Stripe error: `{"error":{"type","code","message","param",...}}`. */
export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

/**
 * An error the sandbox answers in Stripe's wire shape (never problem+json on `/v1`), rendered by
 * StripeExceptionFilter.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.name = 'StripeApiError';
  }

  static invalid(message: string, param?: string, code?: string): StripeApiError {
    return new StripeApiError(400, { type: 'invalid_request_error', message, param, code });
  }

  static missing(object: string, id: string, param = 'id'): StripeApiError {
    return new StripeApiError(404, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param,
      message: `No such ${object}: '${id}'`,
    });
  }

  static missingParam(param: string): StripeApiError {
    return new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'parameter_missing',
      param,
      message: `Missing required param: ${param}.`,
    });
  }

  static unknownParam(param: string): StripeApiError {
    return new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param,
      message: `Received unknown parameter: ${param}`,
    });
  }

  static invalidApiKey(key: string | undefined): StripeApiError {
    const message =
      key === undefined
        ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
        : `Invalid API Key provided: ${redactKey(key)}`;
    return new StripeApiError(401, { type: 'invalid_request_error', message });
  }
}

/** Stripe shows a wrong key with its middle hidden: `sk_test_********1234`. */
export function redactKey(key: string): string {
  if (key.length <= 12) return key.replace(/.(?=.{4})/g, '*');
  return key.slice(0, 8) + '*'.repeat(Math.max(0, key.length - 12)) + key.slice(-4);
}
