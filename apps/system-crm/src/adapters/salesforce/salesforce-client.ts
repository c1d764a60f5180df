import {
  BadGatewayProblem,
  HttpClientFactory,
  HttpResponse,
  QueryValue,
  ResilientHttpClient,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { salesforceWriteProblem } from './salesforce-errors';
import { salesforceConfig, SalesforceSettings } from './salesforce.config';
import { SalesforceErrorItem, SalesforceQueryResult, SalesforceTokenResponse } from './salesforce.types';

/** Dependency name in problems, metrics and /health/dependencies. */
export const SALESFORCE_DEPENDENCY = 'salesforce';

/** Renew a token this long before its assumed expiry. */
const RENEW_MARGIN_MS = 60_000;

interface Session {
  accessToken: string;
  /** Origin of the org's REST API (`instance_url`). */
  instanceUrl: string;
  /** When to renew (issued_at + session TTL - margin). */
  renewAt: number;
}

export interface SalesforceRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below `/services/data/vXX.X` (e.g. `/query`), or an absolute `/services/...` path (nextRecordsUrl). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to repeat (an external-id upsert, a PATCH by id): retried on 5xx, 429 and timeouts like a read. */
  retryable?: boolean;
  /**
   * A write: Salesforce's refusal (4xx other than 401, 404 and the daily limit; 300 on an ambiguous
   * external id) becomes 422 (409) problem+json naming the canonical field through `fields`.
   */
  write?: { what: string; fields: Readonly<Record<string, string>> };
}

function describeErrors(body: unknown, status: number): string {
  if (Array.isArray(body)) {
    const items = body as SalesforceErrorItem[];
    return items.map((e) => `${e.errorCode}: ${e.message}`.replace(/\s+/g, ' ').trim()).join('; ');
  }
  if (body && typeof body === 'object' && 'error' in body) {
    const e = body as { error: string; error_description?: string };
    return `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`;
  }
  return `HTTP ${status}`;
}

/**
 * Low-level Salesforce REST client over the platform's resilient HTTP client (timeouts, retries,
 * circuit breaker, correlation headers, metrics): OAuth 2.0 client-credentials session (cached,
 * renewed before its assumed expiry and once on 401), JSON calls, and SOQL queries paged through
 * `nextRecordsUrl`. Vendor errors become problems naming `salesforce`: 4xx -> 502 (the vendor refused
 * what we sent), 403 REQUEST_LIMIT_EXCEEDED -> 503 (daily quota exhausted).
 */
@Injectable()
export class SalesforceClient {
  private readonly log = new Logger('SalesforceClient');
  private readonly login: ResilientHttpClient;
  private readonly apiClients = new Map<string, ResilientHttpClient>();
  private session?: Session;
  private renewing?: Promise<Session>;

  constructor(
    private readonly http: HttpClientFactory,
    @Inject(salesforceConfig.KEY) private readonly config: SalesforceSettings,
  ) {
    this.login = http.create({
      name: SALESFORCE_DEPENDENCY,
      baseUrl: new URL(config.loginUrl).origin,
      timeoutMs: config.timeoutMs,
      kind: 'vendor',
      retries: { retries: config.retries },
      rateBudget: this.rateBudget(),
    });
  }

  /** Salesforce's limits as a queue: calls per second and concurrent calls (it allows 25 long-running). */
  private rateBudget() {
    return {
      requestsPerSecond: this.config.maxRequestsPerSecond,
      burst: this.config.maxRequestsPerSecond,
      concurrency: this.config.maxConcurrentRequests,
    };
  }

  get apiVersion(): string {
    return this.config.apiVersion;
  }

  /** A JSON call with the session; one renewal and retry on 401. 404 is returned, other 4xx throw. */
  async request<T>(req: SalesforceRequest): Promise<HttpResponse<T>> {
    let session = await this.currentSession();
    let res = await this.send<T>(session, req);
    if (res.status === 401) {
      this.log.log('Salesforce answered 401: renewing the session once');
      session = await this.renew(session);
      res = await this.send<T>(session, req);
      if (res.status === 401) {
        throw new BadGatewayProblem(
          SALESFORCE_DEPENDENCY,
          'salesforce rejected a fresh session (401 INVALID_SESSION_ID)',
        );
      }
    }
    if (req.write && (res.status === 300 || (res.status >= 400 && res.status !== 404 && !this.isLimit(res)))) {
      throw salesforceWriteProblem(res.status, res.body, req.write.fields, req.write.what);
    }
    if (res.status >= 400 && res.status !== 404) throw this.problemFor(res, req);
    return res;
  }

  /** Runs a SOQL query and yields each batch of records, following nextRecordsUrl to the end. */
  async *queryPages<T>(soql: string): AsyncGenerator<T[]> {
    const headers: Record<string, string> = {};
    if (this.config.queryBatchSize) headers['Sforce-Query-Options'] = `batchSize=${this.config.queryBatchSize}`;
    let res = await this.request<SalesforceQueryResult<T>>({
      method: 'GET',
      path: '/query',
      query: { q: soql },
      headers,
    });
    for (;;) {
      if (res.status === 404)
        throw new BadGatewayProblem(SALESFORCE_DEPENDENCY, 'salesforce: query endpoint not found');
      const page = res.body;
      yield page.records;
      if (page.done || !page.nextRecordsUrl) return;
      res = await this.request<SalesforceQueryResult<T>>({ method: 'GET', path: page.nextRecordsUrl, headers });
    }
  }

  /** Every record of a SOQL query (all batches). */
  async queryAll<T>(soql: string): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.queryPages<T>(soql)) all.push(...page);
    return all;
  }

  private async send<T>(session: Session, req: SalesforceRequest): Promise<HttpResponse<T>> {
    const client = this.apiClient(session.instanceUrl);
    const path = req.path.startsWith('/services/') ? req.path : `/services/data/${this.config.apiVersion}${req.path}`;
    return client.request<T>({
      method: req.method,
      path,
      query: req.query,
      body: req.body,
      headers: { ...req.headers, authorization: `Bearer ${session.accessToken}` },
      retryable: req.retryable,
    });
  }

  /** The API client for an instance: the login client when the org answers on the same origin. */
  private apiClient(instanceUrl: string): ResilientHttpClient {
    const origin = new URL(instanceUrl).origin;
    if (origin === new URL(this.login.baseUrl).origin) return this.login;
    let client = this.apiClients.get(origin);
    if (!client) {
      client = this.http.create({
        name: `${SALESFORCE_DEPENDENCY}-instance`,
        baseUrl: origin,
        timeoutMs: this.config.timeoutMs,
        kind: 'vendor',
        retries: { retries: this.config.retries },
        rateBudget: this.rateBudget(),
      });
      this.apiClients.set(origin, client);
    }
    return client;
  }

  private async currentSession(): Promise<Session> {
    const s = this.session;
    if (s && Date.now() < s.renewAt) return s;
    return this.renew(s);
  }

  /** One token request at a time; a caller holding an outdated session gets the newer one. */
  private renew(stale: Session | undefined): Promise<Session> {
    if (this.session && this.session !== stale && Date.now() < this.session.renewAt)
      return Promise.resolve(this.session);
    this.renewing ??= this.fetchToken().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async fetchToken(): Promise<Session> {
    const res = await this.login.request<SalesforceTokenResponse | SalesforceErrorItem[]>({
      method: 'POST',
      path: '/services/oauth2/token',
      form: {
        grant_type: 'client_credentials',
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
      },
      retryable: true,
    });
    if (res.status !== 200) {
      throw new BadGatewayProblem(
        SALESFORCE_DEPENDENCY,
        `salesforce refused the login: ${describeErrors(res.body, res.status)}`,
        {
          upstreamStatus: res.status,
        },
      );
    }
    const token = res.body as SalesforceTokenResponse;
    if (typeof token.access_token !== 'string' || typeof token.instance_url !== 'string') {
      throw new BadGatewayProblem(
        SALESFORCE_DEPENDENCY,
        'salesforce token response without access_token or instance_url',
      );
    }
    // Our clock, not issued_at: a skewed vendor clock must not make a fresh token look expired.
    const issuedAt = Date.now();
    const ttlMs = this.config.sessionTtlSeconds * 1000;
    const session: Session = {
      accessToken: token.access_token,
      instanceUrl: token.instance_url,
      renewAt: issuedAt + ttlMs - Math.min(RENEW_MARGIN_MS, ttlMs / 2),
    };
    this.session = session;
    return session;
  }

  private isLimit(res: HttpResponse<unknown>): boolean {
    return (
      res.status === 403 &&
      Array.isArray(res.body) &&
      (res.body as SalesforceErrorItem[]).some((e) => e.errorCode === 'REQUEST_LIMIT_EXCEEDED')
    );
  }

  private problemFor(res: HttpResponse<unknown>, req: SalesforceRequest): Error {
    const detail = describeErrors(res.body, res.status);
    const items = Array.isArray(res.body) ? (res.body as SalesforceErrorItem[]) : [];
    if (res.status === 403 && items.some((e) => e.errorCode === 'REQUEST_LIMIT_EXCEEDED')) {
      return new UpstreamUnavailableProblem(SALESFORCE_DEPENDENCY, `salesforce daily API limit reached: ${detail}`, {
        upstreamStatus: res.status,
        limitInfo: res.headers['sforce-limit-info'],
      });
    }
    return new BadGatewayProblem(
      SALESFORCE_DEPENDENCY,
      `salesforce answered ${res.status} to ${req.method} ${req.path.split('?')[0]}: ${detail}`,
      {
        upstreamStatus: res.status,
        upstreamErrors: items.map((e) => e.errorCode),
      },
    );
  }
}
