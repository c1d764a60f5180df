/** One entry of Salesforce's error array: `[{"message":"...","errorCode":"...","fields":[...]}]`. */
export interface SalesforceErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

/**
 * An error the sandbox answers in Salesforce's wire shape (a JSON array, never problem+json: this
 * app plays the vendor). Rendered by SalesforceExceptionFilter.
 */
export class SalesforceApiError extends Error {
  readonly errors: SalesforceErrorItem[];

  constructor(
    readonly status: number,
    errors: SalesforceErrorItem | SalesforceErrorItem[],
  ) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
    this.name = 'SalesforceApiError';
    this.errors = list;
  }

  static invalidSession(): SalesforceApiError {
    return new SalesforceApiError(401, { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' });
  }

  static notFound(message = 'The requested resource does not exist'): SalesforceApiError {
    return new SalesforceApiError(404, { message, errorCode: 'NOT_FOUND' });
  }

  /** A DML validation error (400) with the fields it concerns. */
  static dml(errorCode: string, message: string, fields: string[] = []): SalesforceApiError {
    return new SalesforceApiError(400, { message, errorCode, fields });
  }
}

/**
 * The OAuth endpoints answer RFC 6749 errors (`{"error":"invalid_client","error_description":"..."}`),
 * not the REST API's array.
 */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}
