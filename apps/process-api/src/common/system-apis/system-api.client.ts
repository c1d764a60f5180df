import {
  IDEMPOTENCY_IN_FLIGHT,
  HttpClientFactory,
  HttpMethod,
  QueryValue,
  ResilientHttpClient,
  UpstreamProblem,
  UpstreamTimeoutProblem,
} from '@app/platform';
import { describeProblem, ProblemBody, SystemApiBusinessError, SystemApiTechnicalError } from './system-api.errors';
import type { SystemApisConfig } from './system-apis.config';

export interface SystemCall {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Sent as Idempotency-Key (the system APIs that honour it replay the first answer). */
  idempotencyKey?: string;
  /** The call may be repeated safely (e.g. a create by a deterministic id): retry it like a GET. */
  retryable?: boolean;
}

/**
 * One system API reached through the gateway (API-led): `X-API-Key` is process-api's service key, the
 * correlation headers travel (HttpClientFactory adds them), timeouts, retries honouring Retry-After and a
 * circuit breaker per API. A 4xx problem becomes a SystemApiBusinessError, anything else that failed a
 * SystemApiTechnicalError.
 */
export class SystemApiClient {
  readonly http: ResilientHttpClient;

  constructor(
    readonly api: 'crm' | 'erp' | 'psa' | 'billing' | 'hris',
    factory: HttpClientFactory,
    config: SystemApisConfig,
    /** Dependency name (metrics, health); default `gateway:system-<api>`. */
    name = `gateway:system-${api}`,
  ) {
    this.http = factory.create({
      name,
      baseUrl: `${config.gatewayUrl.replace(/\/+$/, '')}/system/${api}/v1`,
      timeoutMs: config.timeoutMs,
      retries: { retries: 2, baseDelayMs: 100, maxDelayMs: 2000, maxRetryAfterMs: 10000 },
      kind: 'upstream',
      headers: config.apiKey ? { 'x-api-key': config.apiKey } : {},
    });
  }

  /** The body of a 2xx answer; throws the typed errors otherwise. */
  async call<T>(method: HttpMethod, path: string, options: SystemCall = {}): Promise<T> {
    const operation = `${method} /system/${this.api}/v1${path}`;
    let res;
    try {
      res = await this.http.request<unknown>({
        method,
        path,
        query: options.query,
        body: options.body,
        headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : undefined,
        retryable: options.retryable,
      });
    } catch (err) {
      if (err instanceof UpstreamProblem || err instanceof UpstreamTimeoutProblem) {
        throw new SystemApiTechnicalError(this.api, operation, undefined, undefined, `${operation}: ${err.message}`);
      }
      const message = err instanceof Error ? err.message : String(err);
      throw new SystemApiTechnicalError(this.api, operation, undefined, undefined, `${operation}: ${message}`);
    }
    if (res.status >= 200 && res.status < 300) return res.body as T;
    const problem = (res.body && typeof res.body === 'object' ? res.body : undefined) as ProblemBody | undefined;
    const text = `${operation} answered ${res.status}: ${describeProblem(problem, String(res.rawBody).slice(0, 300))}`;
    // 408, 429 and the gateway's "same Idempotency-Key still in flight" are transient: retry later.
    if (res.status === 408 || res.status === 429 || (res.status === 409 && isInFlight(problem))) {
      throw new SystemApiTechnicalError(this.api, operation, res.status, problem, text);
    }
    throw new SystemApiBusinessError(this.api, operation, res.status, problem, text);
  }

  /** GET that answers undefined on 404 (a lookup by a deterministic reference). */
  async find<T>(path: string, query?: Record<string, QueryValue>): Promise<T | undefined> {
    try {
      return await this.call<T>('GET', path, { query });
    } catch (err) {
      if (err instanceof SystemApiBusinessError && err.status === 404) return undefined;
      throw err;
    }
  }
}

/** The gateway's 409 for a repeat of a request still running (its problem type ends with the slug). */
function isInFlight(problem: ProblemBody | undefined): boolean {
  return typeof problem?.type === 'string' && problem.type.endsWith(IDEMPOTENCY_IN_FLIGHT);
}
