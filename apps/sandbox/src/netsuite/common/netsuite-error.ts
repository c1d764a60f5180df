/** One entry of `o:errorDetails`. */
export interface NetSuiteErrorDetail {
  detail: string;
  'o:errorCode': string;
  /** JSON path of the offending field in the request body, when there is one. */
  'o:errorPath'?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** RFC 2616 section anchors NetSuite puts in `type`. */
const TYPE_SECTIONS: Record<number, string> = {
  400: '10.4.1',
  401: '10.4.2',
  403: '10.4.4',
  404: '10.4.5',
  405: '10.4.6',
  409: '10.4.10',
  415: '10.4.16',
  429: '10.4',
  500: '10.5.1',
  502: '10.5.3',
  503: '10.5.4',
};

/**
 * An error in NetSuite REST's shape:
 * `{"type","title","status","o:errorDetails":[{"detail","o:errorCode","o:errorPath"}]}`
 * (content type `application/vnd.oracle.resource+json; type=error`). Rendered by NetSuiteExceptionFilter.
 */
export class NetSuiteError extends Error {
  readonly details: NetSuiteErrorDetail[];

  constructor(
    readonly status: number,
    errorCode: string,
    detail: string,
    errorPath?: string,
  ) {
    super(`${errorCode}: ${detail}`);
    this.name = 'NetSuiteError';
    this.details = [{ detail, 'o:errorCode': errorCode, ...(errorPath ? { 'o:errorPath': errorPath } : {}) }];
  }

  body(): Record<string, unknown> {
    return {
      type: `https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec${TYPE_SECTIONS[this.status] ?? '10.4.1'}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      'o:errorDetails': this.details,
    };
  }

  static invalidLogin(): NetSuiteError {
    return new NetSuiteError(
      401,
      'INVALID_LOGIN',
      'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
    );
  }

  static notFound(type: string, id: string): NetSuiteError {
    return new NetSuiteError(
      404,
      'NONEXISTENT_ID',
      `The record instance does not exist. Provide a valid record instance ID (${type} ${id}).`,
    );
  }

  static invalidContent(detail: string, path?: string): NetSuiteError {
    return new NetSuiteError(400, 'INVALID_CONTENT', detail, path);
  }

  static userError(detail: string, path?: string): NetSuiteError {
    return new NetSuiteError(400, 'USER_ERROR', detail, path);
  }
}

/** Errors of the token endpoint (RFC 6749 shape, as NetSuite's OAuth 2.0 endpoint answers). */
export class NetSuiteOAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'NetSuiteOAuthError';
  }
}
