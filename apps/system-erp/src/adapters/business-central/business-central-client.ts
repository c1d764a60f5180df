import {
  BadGatewayProblem,
  HttpClientFactory,
  HttpResponse,
  ResilientHttpClient,
  UpstreamTimeoutProblem,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { Logger } from '@nestjs/common';
import { ErpVendorProblem } from '../../common/erp-problems';
import { BusinessCentralSettings } from './business-central.config';
import { BcErrorBody, BcPage } from './business-central.types';

export const BUSINESS_CENTRAL_DEPENDENCY = 'business-central';
const RENEW_MARGIN_MS = 60_000;
const MAX_RATE_WAIT_MS = 10_000;

interface Token {
  accessToken: string;
  renewAt: number;
}

export interface BcRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below `/companies({id})/` when `companyId` is given, else below `/api/v2.0/`; or an absolute nextLink. */
  path: string;
  companyId?: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** BC property -> canonical field, for 4xx problems. */
  fields?: Record<string, string>;
}

/** Whether a failed call may have been applied by BC anyway (no answer, or a 5xx after the fact). */
export function isAmbiguousFailure(error: unknown): boolean {
  return (
    error instanceof UpstreamTimeoutProblem ||
    error instanceof BadGatewayProblem ||
    (error instanceof ErpVendorProblem && error.status >= 500)
  );
}

/**
 * Business Central API v2.0 client over the platform's resilient HTTP client: Entra ID client
 * credentials (token cached, renewed a minute before expiry or once on 401), OData lists followed
 * through `@odata.nextLink` with `Prefer: odata.maxpagesize`, 429 waited out (Retry-After) rather
 * than failed, and BC errors as ErpVendorProblem (vendor `business-central`, its code, the
 * canonical field of the property it names). POSTs are never repeated blindly: the adapter looks
 * the record up after an ambiguous failure.
 */
export class BusinessCentralClient {
  private readonly log = new Logger('BusinessCentralClient');
  private readonly http: ResilientHttpClient;
  private readonly auth: ResilientHttpClient;
  private readonly basePath: string;
  private token?: Token;
  private renewing?: Promise<Token>;

  constructor(
    factory: HttpClientFactory,
    private readonly config: BusinessCentralSettings,
  ) {
    this.http = factory.create({
      name: BUSINESS_CENTRAL_DEPENDENCY,
      baseUrl: config.apiUrl,
      timeoutMs: config.timeoutMs,
      kind: 'vendor',
      rateBudget: businessCentralBudget(config),
    });
    this.auth =
      new URL(config.authUrl).origin === new URL(config.apiUrl).origin
        ? this.http
        : factory.create({
            name: `${BUSINESS_CENTRAL_DEPENDENCY}-auth`,
            baseUrl: config.authUrl,
            timeoutMs: config.timeoutMs,
            kind: 'vendor',
          });
    this.basePath = `/v2.0/${encodeURIComponent(config.tenantId)}/${encodeURIComponent(config.environment)}/api/v2.0`;
  }

  async request<T>(req: BcRequest): Promise<HttpResponse<T>> {
    for (let waited = 0; ;) {
      let token = await this.currentToken();
      let res = await this.send<T>(token, req);
      if (res.status === 401) {
        this.log.log('Business Central answered 401: renewing the token once');
        token = await this.renew(token);
        res = await this.send<T>(token, req);
        if (res.status === 401)
          throw new ErpVendorProblem(
            'business-central',
            'Authentication_InvalidCredentials',
            'business-central rejected a fresh token',
            { status: 502, upstreamStatus: 401 },
          );
      }
      if (res.status === 429) {
        const retryAfterMs = Math.max(100, Number(res.headers['retry-after'] ?? 1) * 1000);
        if (waited + retryAfterMs > MAX_RATE_WAIT_MS) {
          throw new UpstreamUnavailableProblem(
            BUSINESS_CENTRAL_DEPENDENCY,
            'business-central request budget exhausted (429)',
            { vendor: 'business-central', vendorCode: 'Application_TooManyRequests' },
          );
        }
        waited += retryAfterMs;
        await new Promise((r) => setTimeout(r, retryAfterMs));
        continue;
      }
      if (res.status >= 400 && res.status !== 404) throw this.problemFor(res, req);
      return res;
    }
  }

  /** Every entity of a list (all pages through @odata.nextLink). */
  async listAll<T>(req: Omit<BcRequest, 'method'>): Promise<T[]> {
    const out: T[] = [];
    let next: BcRequest | undefined = {
      ...req,
      method: 'GET',
      headers: { ...req.headers, prefer: `odata.maxpagesize=${this.config.pageSize}` },
    };
    while (next) {
      const res: HttpResponse<BcPage<T>> = await this.request<BcPage<T>>(next);
      if (res.status === 404) return out;
      out.push(...res.body.value);
      const link = res.body['@odata.nextLink'];
      next = link ? { method: 'GET', path: link, headers: next.headers } : undefined;
    }
    return out;
  }

  private send<T>(token: Token, req: BcRequest): Promise<HttpResponse<T>> {
    let path: string;
    let query = req.query;
    if (/^https?:\/\//.test(req.path)) {
      const url = new URL(req.path);
      path = url.pathname + url.search;
      query = undefined;
    } else
      path = req.companyId
        ? `${this.basePath}/companies(${req.companyId})/${req.path}`
        : `${this.basePath}/${req.path}`;
    return this.http.request<T>({
      method: req.method,
      path,
      query,
      body: req.body,
      headers: { ...req.headers, authorization: `Bearer ${token.accessToken}` },
      retryable: req.method !== 'POST',
    });
  }

  private async currentToken(): Promise<Token> {
    const t = this.token;
    if (t && Date.now() < t.renewAt) return t;
    return this.renew(t);
  }

  private renew(stale: Token | undefined): Promise<Token> {
    if (this.token && this.token !== stale && Date.now() < this.token.renewAt) return Promise.resolve(this.token);
    this.renewing ??= this.fetchToken().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async fetchToken(): Promise<Token> {
    const res = await this.auth.request<{
      access_token?: string;
      expires_in?: number | string;
      error?: string;
      error_description?: string;
    }>({
      method: 'POST',
      path: `${new URL(this.config.authUrl).pathname.replace(/\/$/, '')}/${encodeURIComponent(this.config.tenantId)}/oauth2/v2.0/token`,
      form: {
        grant_type: 'client_credentials',
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        scope: this.config.scope,
      },
      retryable: true,
    });
    if (res.status !== 200 || typeof res.body?.access_token !== 'string') {
      throw new ErpVendorProblem(
        'business-central',
        res.body?.error ?? 'invalid_client',
        `Entra ID refused the token request: ${res.body?.error_description ?? `HTTP ${res.status}`}`,
        {
          status: 502,
          upstreamStatus: res.status,
        },
      );
    }
    const ttlMs = Number(res.body.expires_in ?? 3599) * 1000;
    const token = {
      accessToken: res.body.access_token,
      renewAt: Date.now() + ttlMs - Math.min(RENEW_MARGIN_MS, ttlMs / 2),
    };
    this.token = token;
    return token;
  }

  private problemFor(res: HttpResponse<unknown>, req: BcRequest): Error {
    const error = ((res.body ?? {}) as BcErrorBody).error ?? {};
    const code = error.code ?? `HTTP_${res.status}`;
    const message = `business-central answered ${res.status} ${code} to ${req.method} ${req.path.split('?')[0]}: ${(error.message ?? '').replace(/\s+CorrelationId:.*$/, '')}`;
    if (res.status >= 500)
      return new ErpVendorProblem('business-central', code, message, { status: 502, upstreamStatus: res.status });
    const property = /property '([A-Za-z]+)'|^([A-Za-z]+) must have a value/.exec(error.message ?? '');
    const name = property?.[1] ?? property?.[2];
    const field = name ? (req.fields?.[name] ?? name) : undefined;
    return new ErpVendorProblem('business-central', code, message, { field, upstreamStatus: res.status });
  }
}

/**
 * Business Central allows `requestsPer5Minutes` per principal (6,000) and `concurrency` calls at once
 * (100). As a token bucket that can never exceed the window: a burst of a tenth of the limit, refilled
 * so that the burst plus five minutes of refill equal the limit.
 */
export function businessCentralBudget(config: Pick<BusinessCentralSettings, 'requestsPer5Minutes' | 'concurrency'>): {
  requestsPerSecond: number;
  burst: number;
  concurrency: number;
} {
  const burst = Math.max(1, Math.floor(config.requestsPer5Minutes / 10));
  return {
    burst,
    requestsPerSecond: Math.max(0.001, (config.requestsPer5Minutes - burst) / 300),
    concurrency: config.concurrency,
  };
}
