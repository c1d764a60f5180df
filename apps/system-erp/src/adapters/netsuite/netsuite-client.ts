import {
  BadGatewayProblem,
  HttpClientFactory,
  HttpResponse,
  QueryValue,
  ResilientHttpClient,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { constants, createPrivateKey, KeyObject, sign } from 'node:crypto';
import { ErpVendorProblem } from '../../common/erp-problems';
import { netsuiteConfig, NetSuiteSettings } from './netsuite.config';
import { NetSuiteCollection, NetSuiteErrorBody } from './netsuite.types';

export const NETSUITE_DEPENDENCY = 'netsuite';
export const NETSUITE_TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const RENEW_MARGIN_MS = 60_000;

interface Token {
  accessToken: string;
  renewAt: number;
}

export interface NetSuiteRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** NetSuite field (o:errorPath) -> canonical field, for 4xx problems. */
  fields?: Record<string, string>;
}

/** Signs a client assertion (JWS compact) for the OAuth 2.0 M2M flow. */
export function signClientAssertion(
  key: KeyObject,
  alg: 'ES256' | 'PS256',
  claims: { kid: string; iss: string; aud: string; now: number },
): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg, typ: 'JWT', kid: claims.kid })}.${b64({
    iss: claims.iss,
    scope: ['rest_webservices'],
    aud: claims.aud,
    iat: claims.now,
    exp: claims.now + 300,
  })}`;
  const signature =
    alg === 'ES256'
      ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
      : sign('sha256', Buffer.from(input), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * NetSuite REST client over the platform's resilient HTTP client (timeouts, retries honouring
 * Retry-After on 429/5xx, circuit breaker): OAuth 2.0 M2M token with a signed client assertion,
 * cached and renewed a minute before `expires_in` or once on 401; record calls; SuiteQL and record
 * lists paged to the end. NetSuite's 4xx become ErpVendorProblem (vendor `netsuite`, its error code
 * and the canonical field of `o:errorPath`).
 */
@Injectable()
export class NetSuiteClient {
  private readonly log = new Logger('NetSuiteClient');
  private readonly http: ResilientHttpClient;
  private readonly auth: ResilientHttpClient;
  private readonly key: KeyObject;
  private readonly tokenUrl: string;
  private token?: Token;
  private renewing?: Promise<Token>;

  constructor(
    factory: HttpClientFactory,
    @Inject(netsuiteConfig.KEY) private readonly config: NetSuiteSettings,
  ) {
    this.http = factory.create({
      name: NETSUITE_DEPENDENCY,
      baseUrl: config.apiUrl,
      timeoutMs: config.timeoutMs,
      kind: 'vendor',
      // NetSuite governs concurrent requests per account: calls beyond the limit wait here in order
      rateBudget: { concurrency: config.concurrency },
    });
    this.tokenUrl = config.tokenUrl ?? `${new URL(config.apiUrl).origin}${NETSUITE_TOKEN_PATH}`;
    const tokenOrigin = new URL(this.tokenUrl).origin;
    this.auth =
      tokenOrigin === new URL(config.apiUrl).origin
        ? this.http
        : factory.create({
            name: `${NETSUITE_DEPENDENCY}-auth`,
            baseUrl: tokenOrigin,
            timeoutMs: config.timeoutMs,
            kind: 'vendor',
          });
    this.key = createPrivateKey(config.privateKey.replace(/\\n/g, '\n'));
  }

  /** One call with the token (renewed once on 401). 404 is returned; other 4xx throw a problem. */
  async request<T>(req: NetSuiteRequest): Promise<HttpResponse<T>> {
    let token = await this.currentToken();
    let res = await this.send<T>(token, req);
    if (res.status === 401) {
      this.log.log('NetSuite answered 401: renewing the token once');
      token = await this.renew(token);
      res = await this.send<T>(token, req);
      if (res.status === 401)
        throw new BadGatewayProblem(NETSUITE_DEPENDENCY, 'netsuite rejected a fresh token (401 INVALID_LOGIN)');
    }
    if (res.status >= 400 && res.status !== 404) throw this.problemFor(res, req);
    return res;
  }

  /** Every row of a SuiteQL statement (all pages). */
  async suiteql<T>(q: string): Promise<T[]> {
    const rows: T[] = [];
    for (let offset = 0; ;) {
      const res = await this.request<NetSuiteCollection<T>>({
        method: 'POST',
        path: '/services/rest/query/v1/suiteql',
        query: { limit: this.config.pageSize, offset },
        headers: { prefer: 'transient' },
        body: { q },
      });
      rows.push(...res.body.items);
      if (!res.body.hasMore || res.body.items.length === 0) return rows;
      offset += res.body.items.length;
    }
  }

  private send<T>(token: Token, req: NetSuiteRequest): Promise<HttpResponse<T>> {
    return this.http.request<T>({
      method: req.method,
      path: req.path,
      query: req.query,
      body: req.body,
      headers: { ...req.headers, authorization: `Bearer ${token.accessToken}` },
      // SuiteQL reads and eid: upserts are safe to repeat; plain POST creates are not.
      retryable: req.method !== 'POST' || req.path.includes('/query/'),
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
    const now = Math.floor(Date.now() / 1000);
    const assertion = signClientAssertion(this.key, this.config.algorithm, {
      kid: this.config.certificateId,
      iss: this.config.clientId,
      aud: this.tokenUrl,
      now,
    });
    const res = await this.auth.request<{
      access_token?: string;
      expires_in?: string | number;
      error?: string;
      error_description?: string;
    }>({
      method: 'POST',
      path: new URL(this.tokenUrl).pathname,
      form: {
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      },
      retryable: true,
    });
    if (res.status !== 200 || typeof res.body?.access_token !== 'string') {
      throw new ErpVendorProblem(
        'netsuite',
        res.body?.error ?? 'INVALID_LOGIN',
        `netsuite refused the token request: ${res.body?.error_description ?? `HTTP ${res.status}`}`,
        {
          status: 502,
          upstreamStatus: res.status,
        },
      );
    }
    const ttlMs = Number(res.body.expires_in ?? 3600) * 1000;
    const token = {
      accessToken: res.body.access_token,
      renewAt: Date.now() + ttlMs - Math.min(RENEW_MARGIN_MS, ttlMs / 2),
    };
    this.token = token;
    return token;
  }

  private problemFor(res: HttpResponse<unknown>, req: NetSuiteRequest): Error {
    const body = (res.body ?? {}) as NetSuiteErrorBody;
    const detail = body['o:errorDetails']?.[0];
    const code = detail?.['o:errorCode'] ?? `HTTP_${res.status}`;
    const message =
      `netsuite answered ${res.status} ${code} to ${req.method} ${req.path}: ${detail?.detail ?? body.title ?? ''}`.trim();
    if (res.status === 429)
      return new UpstreamUnavailableProblem(NETSUITE_DEPENDENCY, message, { vendor: 'netsuite', vendorCode: code });
    if (res.status === 400 || res.status === 409) {
      const path = detail?.['o:errorPath'];
      const field = path ? (req.fields?.[path] ?? req.fields?.[path.split('.')[0]] ?? path) : undefined;
      return new ErpVendorProblem('netsuite', code, message, { field, upstreamStatus: res.status });
    }
    return new ErpVendorProblem('netsuite', code, message, { status: 502, upstreamStatus: res.status });
  }
}
