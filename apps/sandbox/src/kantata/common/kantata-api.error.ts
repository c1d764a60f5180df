/** One entry of Kantata's error body: `{"errors":[{"type":"validation","message":"...","field":"title"}]}`. */
export interface KantataErrorItem {
  type: 'validation' | 'oauth' | 'system';
  message: string;
  field?: string;
}

/**
 * An error the sandbox answers in Kantata's wire shape (never problem+json on `/api/v1`). Rendered by
 * KantataExceptionFilter.
 */
export class KantataApiError extends Error {
  readonly errors: KantataErrorItem[];
  /** Extra response headers (Retry-After). */
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    errors: KantataErrorItem | KantataErrorItem[],
    headers: Record<string, string> = {},
  ) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => `${e.type}: ${e.message}`).join('; '));
    this.name = 'KantataApiError';
    this.errors = list;
    this.headers = headers;
  }

  static oauth(message = 'Invalid OAuth 2 Access Token'): KantataApiError {
    return new KantataApiError(401, { type: 'oauth', message });
  }

  static notFound(message = 'Not Found'): KantataApiError {
    return new KantataApiError(404, { type: 'system', message });
  }

  static validation(errors: Array<{ field?: string; message: string }>): KantataApiError {
    return new KantataApiError(
      422,
      errors.map((e) => ({ type: 'validation', message: e.message, ...(e.field ? { field: e.field } : {}) })),
    );
  }

  static badRequest(message: string): KantataApiError {
    return new KantataApiError(400, { type: 'system', message });
  }
}

/** RFC 6749 errors of the token endpoint: `{"error":"invalid_client","error_description":"..."}`. */
export class KantataOAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'KantataOAuthError';
  }
}

/** An injected fault that answers 200 with a truncated JSON body. */
export class MalformedResponseFault extends Error {
  constructor() {
    super('malformed response (injected)');
    this.name = 'MalformedResponseFault';
  }
}
