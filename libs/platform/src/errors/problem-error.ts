import { STATUS_CODES } from 'node:http';

export const PROBLEM_TYPE_BASE = 'https://errors.ps-gateway.dev/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** The gateway's 409 for a repeat while the request with the same Idempotency-Key still runs (transient). */
export const IDEMPOTENCY_IN_FLIGHT = 'idempotency-request-in-flight';

/** One invalid field of a request, `field` is a path like `lines[0].amount`. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as this platform renders them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ProblemErrorOptions {
  status: number;
  /** Slug appended to https://errors.ps-gateway.dev/ (or a full URI, or 'about:blank'). */
  type: string;
  title?: string;
  detail?: string;
  /** Extension members rendered in the problem (e.g. `dependency`, `errors`). */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

export function problemTypeUri(slugOrUri: string): string {
  return slugOrUri === 'about:blank' || /^[a-z][a-z0-9+.-]*:/i.test(slugOrUri)
    ? slugOrUri
    : `${PROBLEM_TYPE_BASE}${slugOrUri}`;
}

/**
 * Base class of typed, expected errors. The global filter renders it as application/problem+json with
 * its status, type, title, detail and extra fields. Subclass it for domain errors:
 * `class CustomerBlockedProblem extends ProblemError { constructor(id: string) { super(409, 'customer-blocked', 'Customer blocked', `customer ${id} is blocked`) } }`.
 */
export class ProblemError extends Error {
  readonly status: number;
  /** The slug or URI given; see `typeUri` for the rendered value. */
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly extra: Record<string, unknown>;

  constructor(options: ProblemErrorOptions);
  constructor(status: number, type: string, title?: string, detail?: string, extra?: Record<string, unknown>);
  constructor(
    statusOrOptions: number | ProblemErrorOptions,
    type?: string,
    title?: string,
    detail?: string,
    extra?: Record<string, unknown>,
  ) {
    const o: ProblemErrorOptions =
      typeof statusOrOptions === 'number'
        ? { status: statusOrOptions, type: type ?? 'about:blank', title, detail, extra }
        : statusOrOptions;
    const resolvedTitle = o.title ?? STATUS_CODES[o.status] ?? 'Error';
    super(o.detail ?? resolvedTitle, o.cause !== undefined ? { cause: o.cause } : undefined);
    this.name = new.target.name;
    this.status = o.status;
    this.type = o.type;
    this.title = resolvedTitle;
    this.detail = o.detail;
    this.extra = o.extra ?? {};
  }

  get typeUri(): string {
    return problemTypeUri(this.type);
  }

  /** The problem body (without instance and correlationId, which the filter adds). */
  toProblem(): ProblemDetails {
    const body: ProblemDetails = { ...this.extra, type: this.typeUri, title: this.title, status: this.status };
    if (this.detail !== undefined) body.detail = this.detail;
    return body;
  }
}

/** 400 with a list of invalid fields. */
export class ValidationProblem extends ProblemError {
  constructor(errors: FieldError[], detail?: string) {
    super({
      status: 400,
      type: 'validation-failed',
      title: 'Validation failed',
      detail: detail ?? (errors.length ? errors.map((e) => e.message).join('; ') : 'The request is invalid'),
      extra: { errors },
    });
  }
  get errors(): FieldError[] {
    return this.extra.errors as FieldError[];
  }
}

export class BadRequestProblem extends ProblemError {
  constructor(detail?: string, extra?: Record<string, unknown>) {
    super({ status: 400, type: 'bad-request', title: 'Bad Request', detail, extra });
  }
}

export class NotFoundProblem extends ProblemError {
  constructor(detail?: string, extra?: Record<string, unknown>) {
    super({ status: 404, type: 'not-found', title: 'Not Found', detail, extra });
  }
}

export class ConflictProblem extends ProblemError {
  constructor(detail?: string, extra?: Record<string, unknown>) {
    super({ status: 409, type: 'conflict', title: 'Conflict', detail, extra });
  }
}

export class UnprocessableProblem extends ProblemError {
  constructor(detail?: string, extra?: Record<string, unknown>) {
    super({ status: 422, type: 'unprocessable', title: 'Unprocessable Content', detail, extra });
  }
}

/** Base of the upstream problems: each names the dependency (`dependency` member). */
export abstract class UpstreamProblem extends ProblemError {
  readonly dependency: string;
  protected constructor(
    status: number,
    type: string,
    title: string,
    dependency: string,
    detail: string,
    extra?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super({ status, type, title, detail, extra: { ...extra, dependency }, cause });
    this.dependency = dependency;
  }
}

/** 503: the dependency cannot be reached (circuit open, connection refused). */
export class UpstreamUnavailableProblem extends UpstreamProblem {
  constructor(dependency: string, detail?: string, extra?: Record<string, unknown>, cause?: unknown) {
    super(
      503,
      'upstream-unavailable',
      'Upstream Unavailable',
      dependency,
      detail ?? `${dependency} is unavailable`,
      extra,
      cause,
    );
  }
}

/** 504: the dependency did not answer in time. */
export class UpstreamTimeoutProblem extends UpstreamProblem {
  constructor(dependency: string, detail?: string, extra?: Record<string, unknown>, cause?: unknown) {
    super(
      504,
      'upstream-timeout',
      'Upstream Timeout',
      dependency,
      detail ?? `${dependency} did not answer in time`,
      extra,
      cause,
    );
  }
}

/** 502: the dependency answered wrongly (5xx after retries, unparseable body). */
export class BadGatewayProblem extends UpstreamProblem {
  constructor(dependency: string, detail?: string, extra?: Record<string, unknown>, cause?: unknown) {
    super(
      502,
      'bad-gateway',
      'Bad Gateway',
      dependency,
      detail ?? `${dependency} answered with an invalid response`,
      extra,
      cause,
    );
  }
}
