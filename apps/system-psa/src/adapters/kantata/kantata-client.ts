import {
  BadGatewayProblem,
  HttpClientFactory,
  HttpResponse,
  NotFoundProblem,
  ProblemError,
  QueryValue,
  ResilientHttpClient,
  UnprocessableProblem,
  UpstreamProblem,
  UpstreamTimeoutProblem,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { kantataConfig, KantataSettings } from './kantata.config';
import {
  KantataEnvelope,
  KantataErrorItem,
  KantataExternalReference,
  KantataTokenResponse,
  recordsOf,
} from './kantata.types';

/** Dependency name in problems, metrics and /health/dependencies; `vendor` in problems. */
export const KANTATA_DEPENDENCY = 'kantata';

/** Renew a token this long before it expires. */
const RENEW_MARGIN_MS = 60_000;
/** Longest Retry-After a create waits for on a 429 before giving up. */
const MAX_CREATE_RETRY_AFTER_MS = 10_000;

interface Token {
  accessToken: string;
  renewAt: number;
}

export interface KantataRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below `/api/v1` (e.g. `/workspaces`). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Allow the HTTP client's automatic retries for a POST (the caller knows it is safe). */
  retryable?: boolean;
}

/** The external reference that names one Kantata object by a canonical id. */
export interface ReferenceKey {
  /** Our object kind (`project`, `milestone`, `assignment`...). */
  model: string;
  /** The canonical id. */
  ref: string;
}

/** Maps a vendor field of a Kantata validation error to the canonical field name (`title` -> `name`). */
export type FieldMap = Readonly<Record<string, string>>;

export function describeErrors(body: unknown, status: number): string {
  const errors = errorItems(body);
  if (errors.length) return errors.map((e) => `${e.type}: ${e.message}`).join('; ');
  if (body && typeof body === 'object' && 'error' in body) {
    const e = body as { error: string; error_description?: string };
    return `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`;
  }
  return `HTTP ${status}`;
}

export function errorItems(body: unknown): KantataErrorItem[] {
  if (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)) {
    return (body as { errors: KantataErrorItem[] }).errors.filter((e) => e && typeof e === 'object');
  }
  return [];
}

/** A 422 from Kantata as problem+json: vendor, vendorCode and the canonical field of each error. */
export function validationProblem(body: unknown, fields: FieldMap, what: string): UnprocessableProblem {
  const items = errorItems(body);
  const errors = items.map((e) => ({
    field: e.field ? (fields[e.field] ?? e.field) : what,
    message: e.message,
    vendorField: e.field,
  }));
  return new UnprocessableProblem(`kantata rejected the ${what}: ${items.map((e) => e.message).join('; ')}`, {
    vendor: KANTATA_DEPENDENCY,
    vendorCode: items[0]?.type ?? 'validation',
    errors,
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Kantata OX API v1 over the platform's resilient HTTP client (timeouts, retries of reads, circuit
 * breaker, correlation headers, metrics): OAuth 2.0 token (cached, renewed before expiry and once on
 * 401), a request budget that queues calls, lists paged to the end, and creates made safe to retry
 * with external references (Kantata has no idempotency key).
 */
@Injectable()
export class KantataClient {
  private readonly log = new Logger('KantataClient');
  private readonly http: ResilientHttpClient;
  private token?: Token;
  private renewing?: Promise<Token>;

  constructor(
    factory: HttpClientFactory,
    @Inject(kantataConfig.KEY) private readonly config: KantataSettings,
  ) {
    this.http = factory.create({
      name: KANTATA_DEPENDENCY,
      baseUrl: new URL(config.apiUrl).origin,
      timeoutMs: config.timeoutMs,
      kind: 'vendor',
      retries: { retries: 2, baseDelayMs: 100, maxDelayMs: 2000, maxRetryAfterMs: 10_000 },
      // Kantata's limit: calls beyond it queue here (one per 1/maxRequestsPerSecond s) instead of drawing 429s
      rateBudget: { requestsPerSecond: config.maxRequestsPerSecond, burst: 1 },
    });
  }

  /** `per_page` of list calls. */
  get pageSize(): number {
    return this.config.pageSize;
  }

  get serviceName(): string {
    return this.config.referenceServiceName;
  }

  /** One call with the token; one renewal and retry on 401. 404 is returned; other errors throw problems. */
  async request<T = KantataEnvelope>(
    req: KantataRequest,
    fields: FieldMap = {},
    what = 'request',
  ): Promise<HttpResponse<T>> {
    let token = await this.currentToken();
    let res = await this.send<T>(token, req);
    if (res.status === 401) {
      this.log.log('Kantata answered 401: renewing the token once');
      token = await this.renew(token);
      res = await this.send<T>(token, req);
      if (res.status === 401) {
        throw new BadGatewayProblem(KANTATA_DEPENDENCY, 'kantata rejected a fresh access token (401 oauth)', {
          vendor: KANTATA_DEPENDENCY,
          vendorCode: 'oauth',
        });
      }
    }
    if (res.status >= 400 && res.status !== 404) throw this.problemFor(res, req, fields, what);
    return res;
  }

  /** Every record of a list, following `page` to `meta.page_count`. */
  async listAll<T>(
    plural: string,
    query: Record<string, QueryValue> = {},
  ): Promise<{ records: T[]; included: KantataEnvelope[] }> {
    const records: T[] = [];
    const included: KantataEnvelope[] = [];
    for await (const page of this.pages(plural, query)) {
      records.push(...recordsOf<T>(page, plural));
      included.push(page);
    }
    return { records, included };
  }

  /** Each page of a list (envelopes), to the last one. */
  async *pages(plural: string, query: Record<string, QueryValue> = {}): AsyncGenerator<KantataEnvelope> {
    for (let page = 1; ; page++) {
      const res = await this.request<KantataEnvelope>({
        method: 'GET',
        path: `/${plural}`,
        query: { ...query, page, per_page: this.config.pageSize },
      });
      if (res.status === 404) throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: /${plural} not found`);
      const env = res.body;
      if (!env || !Array.isArray(env.results))
        throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: /${plural} answered without results`);
      yield env;
      const pageCount = env.meta?.page_count ?? 1;
      if (page >= pageCount || env.results.length === 0) return;
    }
  }

  /** One object by Kantata id; undefined when Kantata answers 404. */
  async getOne<T>(
    plural: string,
    id: string,
    query: Record<string, QueryValue> = {},
  ): Promise<{ record: T; envelope: KantataEnvelope } | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    const res = await this.request<KantataEnvelope>({ method: 'GET', path: `/${plural}/${id}`, query });
    if (res.status === 404) return undefined;
    const [record] = recordsOf<T>(res.body, plural);
    return record ? { record, envelope: res.body } : undefined;
  }

  /** The external reference of a canonical id (service name, model, ref), if any. */
  async findReference(subjectType: string, key: ReferenceKey): Promise<KantataExternalReference | undefined> {
    const { records } = await this.listAll<KantataExternalReference>('external_references', {
      service_name: this.serviceName,
      service_model: key.model,
      service_model_ref: key.ref,
    });
    return records.find((r) => r.subject_type === subjectType);
  }

  /**
   * Creates one object carrying the external reference `key`, exactly once however often it is called
   * or whatever fails: the reference is looked up first (an earlier attempt may have created it), the
   * create is sent without automatic retries, and after an ambiguous failure (timeout, 5xx, reset
   * connection) the reference is looked up again before another attempt. A 429 (nothing was done)
   * waits Retry-After. Kantata answering "already taken" for the reference means another attempt won:
   * its object is returned.
   */
  async createOnce(
    plural: string,
    subjectType: string,
    object: Record<string, unknown>,
    key: ReferenceKey,
    fields: FieldMap,
    what: string,
  ): Promise<{ id: string; created: boolean }> {
    const found = await this.findReference(subjectType, key);
    if (found) return { id: found.subject_id, created: false };
    const reference = { service_name: this.serviceName, service_model: key.model, service_model_ref: key.ref };
    const existing = Array.isArray(object.external_references) ? (object.external_references as unknown[]) : [];
    const body = { [plural]: [{ ...object, external_references: [reference, ...existing] }] };
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.config.createAttempts; attempt++) {
      let res: HttpResponse<KantataEnvelope>;
      try {
        const token = await this.currentToken();
        res = await this.send<KantataEnvelope>(token, { method: 'POST', path: `/${plural}`, body });
        if (res.status === 401) {
          res = await this.send<KantataEnvelope>(await this.renew(token), { method: 'POST', path: `/${plural}`, body });
        }
      } catch (error) {
        if (!isAmbiguous(error)) throw error;
        lastError = error;
        this.log.warn(
          { err: error, attempt, reference: key },
          `kantata create of a ${what} failed ambiguously: looking it up`,
        );
        const after = await this.findReference(subjectType, key);
        if (after) return { id: after.subject_id, created: true };
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        const [first] = res.body?.results ?? [];
        if (!first) throw new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata created no ${what}`);
        return { id: first.id, created: true };
      }
      if (res.status === 422) {
        const taken = errorItems(res.body).some((e) => e.field === 'external_references.service_model_ref');
        if (taken) {
          const winner = await this.findReference(subjectType, key);
          if (winner) return { id: winner.subject_id, created: false };
        }
        throw validationProblem(res.body, fields, what);
      }
      const problem = this.problemFor(res, { method: 'POST', path: `/${plural}` }, fields, what);
      if (res.status !== 429) throw problem;
      // 429: nothing was done; wait as told and try again.
      const wait = retryAfterMs(res.headers['retry-after']);
      if (wait > MAX_CREATE_RETRY_AFTER_MS || attempt === this.config.createAttempts) throw problem;
      lastError = problem;
      await sleep(wait);
    }
    throw lastError instanceof Error
      ? lastError
      : new BadGatewayProblem(KANTATA_DEPENDENCY, `kantata: the ${what} could not be created`);
  }

  private async send<T>(token: Token, req: KantataRequest): Promise<HttpResponse<T>> {
    return this.http.request<T>({
      method: req.method,
      path: `/api/v1${req.path}`,
      query: req.query,
      body: req.body,
      retryable: req.retryable,
      headers: { authorization: `Bearer ${token.accessToken}` },
    });
  }

  private async currentToken(): Promise<Token> {
    const t = this.token;
    if (t && Date.now() < t.renewAt) return t;
    return this.renew(t);
  }

  /** One token request at a time; a caller holding an outdated token gets the newer one. */
  private renew(stale: Token | undefined): Promise<Token> {
    if (this.token && this.token !== stale && Date.now() < this.token.renewAt) return Promise.resolve(this.token);
    this.renewing ??= this.fetchToken().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async fetchToken(): Promise<Token> {
    const res = await this.http.request<KantataTokenResponse>({
      method: 'POST',
      path: '/oauth/token',
      form: {
        grant_type: 'client_credentials',
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
      },
      retryable: true,
    });
    if (res.status !== 200 || typeof res.body?.access_token !== 'string') {
      throw new BadGatewayProblem(
        KANTATA_DEPENDENCY,
        `kantata refused the token request: ${describeErrors(res.body, res.status)}`,
        {
          vendor: KANTATA_DEPENDENCY,
          vendorCode: (res.body as unknown as { error?: string })?.error ?? 'oauth',
          upstreamStatus: res.status,
        },
      );
    }
    const ttlMs = (typeof res.body.expires_in === 'number' ? res.body.expires_in : 7200) * 1000;
    const token: Token = {
      accessToken: res.body.access_token,
      renewAt: Date.now() + ttlMs - Math.min(RENEW_MARGIN_MS, ttlMs / 2),
    };
    this.token = token;
    return token;
  }

  private problemFor(
    res: HttpResponse<unknown>,
    req: Pick<KantataRequest, 'method' | 'path'>,
    fields: FieldMap,
    what: string,
  ): ProblemError {
    const items = errorItems(res.body);
    const vendorCode = items[0]?.type ?? `http_${res.status}`;
    if (res.status === 422) return validationProblem(res.body, fields, what);
    if (res.status === 429) {
      return new UpstreamUnavailableProblem(
        KANTATA_DEPENDENCY,
        `kantata rate limit reached: ${describeErrors(res.body, res.status)}`,
        {
          vendor: KANTATA_DEPENDENCY,
          vendorCode,
          retryAfter: res.headers['retry-after'],
        },
      );
    }
    if (res.status === 404)
      return new NotFoundProblem(`kantata has no such ${what}`, { vendor: KANTATA_DEPENDENCY, vendorCode });
    return new BadGatewayProblem(
      KANTATA_DEPENDENCY,
      `kantata answered ${res.status} to ${req.method} ${req.path}: ${describeErrors(res.body, res.status)}`,
      { vendor: KANTATA_DEPENDENCY, vendorCode, upstreamStatus: res.status },
    );
  }
}

/** Failures after which the create may or may not have happened. */
export function isAmbiguous(error: unknown): boolean {
  return (
    error instanceof UpstreamTimeoutProblem || (error instanceof BadGatewayProblem && error instanceof UpstreamProblem)
  );
}

export function retryAfterMs(header: string | undefined): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - Date.now());
}
