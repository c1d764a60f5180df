/** One entry of Workday's REST error list. */
export interface WorkdayErrorItem {
  error: string;
  field?: string;
}

/**
 * An error the sandbox answers in Workday's REST shape, `{"error":"...","errors":[{"error":"...","field":"..."}]}`
 * (never problem+json on the vendor's paths). Rendered by WorkdayExceptionFilter.
 */
export class WorkdayApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: WorkdayErrorItem[] = [{ error: message }],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'WorkdayApiError';
  }

  static invalidToken(): WorkdayApiError {
    return new WorkdayApiError(401, 'invalid access token', [{ error: 'invalid access token' }], {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }

  static notFound(message = 'Invalid resource or operation.'): WorkdayApiError {
    return new WorkdayApiError(404, message);
  }

  static invalidParameter(field: string, message: string): WorkdayApiError {
    return new WorkdayApiError(400, `Validation error occurred. ${message}`, [{ error: message, field }]);
  }

  static rateLimited(retryAfterSeconds: number): WorkdayApiError {
    return new WorkdayApiError(429, 'Too many requests: rate limit exceeded', undefined, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}

/** The token endpoint answers RFC 6749 errors (`{"error":"invalid_client","error_description":"..."}`). */
export class WorkdayOAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'WorkdayOAuthError';
  }
}
