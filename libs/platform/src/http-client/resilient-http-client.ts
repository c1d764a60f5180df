import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  IRetryBackoffContext,
  SamplingBreaker,
  circuitBreaker,
  handleWhen,
  retry,
} from 'cockatiel';
import type { Logger as PinoInstance } from 'pino';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { Dispatcher, Pool } from 'undici';
import { Correlation } from '../correlation/correlation';
import { BadGatewayProblem, UpstreamTimeoutProblem, UpstreamUnavailableProblem } from '../errors/problem-error';
import type { DependencyCheckResult, DependencyRegistry } from '../health/dependency-registry';
import type { MetricsService } from '../metrics/metrics.service';
import {
  CircuitStateValue,
  HttpRequest,
  HttpResponse,
  HttpTarget,
  QueryValue,
  RetryOptions,
} from './http-client.types';
import { RateBudget, RateBudgetExceededError } from './rate-budget';

/** Defaults applied where a target leaves an option out (the factory takes them from PlatformConfig). */
export interface HttpClientDefaults {
  timeoutMs: number;
  retries: number;
  breakerThreshold: number;
  halfOpenAfterMs: number;
  connections: number;
}

export const DEFAULT_HTTP_CLIENT_DEFAULTS: HttpClientDefaults = {
  timeoutMs: 5000,
  retries: 2,
  breakerThreshold: 5,
  halfOpenAfterMs: 10_000,
  connections: 16,
};

export interface HttpClientDeps {
  metrics?: MetricsService;
  dependencies?: DependencyRegistry;
  log?: PinoInstance;
  defaults?: Partial<HttpClientDefaults>;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_CODES = new Set([
  ...UNAVAILABLE_CODES,
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** One attempt's outcome before interpretation. */
interface RawResult {
  status: number;
  headers: Record<string, string>;
  rawBody: string;
}

/** An attempt that exceeded its timeout (internal; surfaces as UpstreamTimeoutProblem). */
class AttemptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function isNetworkError(e: unknown): boolean {
  return e instanceof AttemptTimeoutError || NETWORK_CODES.has(errorCode(e) ?? '');
}

/** Retry-After in ms (delta seconds or HTTP-date), or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function appendQuery(search: URLSearchParams, query: Record<string, QueryValue>): void {
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v))
      for (const item of v as ReadonlyArray<string | number | boolean>) search.append(k, String(item));
    else search.append(k, String(v));
  }
}

function normaliseHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * HTTP client for one target: a keep-alive undici Pool, a timeout per attempt, retries with exponential
 * backoff and full jitter honouring Retry-After (idempotent methods, or `retryable: true`), a cockatiel
 * circuit breaker, correlation headers on every call and metrics. 2xx-4xx are returned; 5xx after
 * retries, timeouts and unreachable targets throw problems naming the dependency.
 */
export class ResilientHttpClient {
  readonly name: string;
  readonly baseUrl: string;
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly timeoutMs: number;
  private readonly retryOptions: Required<RetryOptions>;
  private readonly breaker?: CircuitBreakerPolicy;
  private readonly duration?: Histogram<'target' | 'method' | 'status'>;
  private readonly retriesTotal?: Counter<'target' | 'method'>;
  private readonly circuitGauge?: Gauge<'target'>;
  private readonly log?: PinoInstance;
  private lastFailure?: { at: string; reason: string };
  private closed = false;
  private readonly budget?: RateBudget;
  private readonly queueGauge?: Gauge<'target'>;

  constructor(
    readonly target: HttpTarget,
    deps: HttpClientDeps = {},
  ) {
    const d = { ...DEFAULT_HTTP_CLIENT_DEFAULTS, ...deps.defaults };
    const url = new URL(target.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`${target.name}: baseUrl must be http(s): ${target.baseUrl}`);
    this.name = target.name;
    this.baseUrl = target.baseUrl;
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = target.timeoutMs ?? d.timeoutMs;
    const r: RetryOptions = typeof target.retries === 'number' ? { retries: target.retries } : (target.retries ?? {});
    this.retryOptions = {
      retries: r.retries ?? d.retries,
      baseDelayMs: r.baseDelayMs ?? 100,
      maxDelayMs: r.maxDelayMs ?? 2000,
      maxRetryAfterMs: r.maxRetryAfterMs ?? 10_000,
    };
    this.log = deps.log;
    this.pool = new Pool(url.origin, {
      connections: target.connections ?? d.connections,
      keepAliveTimeout: target.keepAliveTimeoutMs ?? 10_000,
      keepAliveMaxTimeout: 60_000,
      connectTimeout: Math.min(this.timeoutMs, 10_000),
      headersTimeout: 0,
      bodyTimeout: 0,
    });

    if (target.rateBudget) this.budget = new RateBudget(target.rateBudget);

    if (deps.metrics) {
      this.queueGauge = deps.metrics.gauge(
        'http_client_queued_calls',
        'Calls waiting for a slot in the target rate budget',
        ['target'],
      );
      this.duration = deps.metrics.histogram(
        'http_client_request_duration_seconds',
        'Duration of outgoing HTTP call attempts, by target',
        ['target', 'method', 'status'],
      );
      this.retriesTotal = deps.metrics.counter('http_client_retries_total', 'Retried outgoing HTTP calls, by target', [
        'target',
        'method',
      ]);
      this.circuitGauge = deps.metrics.gauge(
        'http_client_circuit_state',
        'Circuit breaker state per target: 0 closed, 1 open, 2 half-open',
        ['target'],
      );
      this.circuitGauge.set({ target: this.name }, CircuitStateValue.Closed);
    }

    if (target.breaker !== false) {
      const b = target.breaker ?? {};
      const breaker =
        b.type === 'sampling'
          ? new SamplingBreaker({
              threshold: b.threshold ?? 0.5,
              duration: b.samplingDurationMs ?? 10_000,
              minimumRps: b.minimumRps ?? 1,
            })
          : new ConsecutiveBreaker(b.threshold ?? d.breakerThreshold);
      this.breaker = circuitBreaker(
        handleWhen((e) => isNetworkError(e)).orWhenResult((res) => (res as RawResult).status >= 500),
        { halfOpenAfter: b.halfOpenAfterMs ?? d.halfOpenAfterMs, breaker },
      );
      this.breaker.onStateChange((state) => {
        this.circuitGauge?.set({ target: this.name }, ResilientHttpClient.gaugeValue(state));
        const level = state === CircuitState.Open ? 'warn' : 'info';
        this.log?.[level](
          { target: this.name, state: CircuitState[state] },
          `circuit ${CircuitState[state].toLowerCase()} for ${this.name}`,
        );
      });
    }

    deps.dependencies?.register(this.name, () => this.check(), {
      kind: target.kind,
      url: url.origin + this.pathPrefix,
    });
  }

  private static gaugeValue(state: CircuitState): CircuitStateValue {
    if (state === CircuitState.Closed) return CircuitStateValue.Closed;
    if (state === CircuitState.HalfOpen) return CircuitStateValue.HalfOpen;
    return CircuitStateValue.Open;
  }

  /** The breaker state (closed when the target has no breaker). */
  get circuitState(): CircuitStateValue {
    return this.breaker ? ResilientHttpClient.gaugeValue(this.breaker.state) : CircuitStateValue.Closed;
  }

  get<T = unknown>(path: string, options: Omit<HttpRequest, 'method' | 'path'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...options, method: 'GET', path });
  }

  post<T = unknown>(
    path: string,
    body?: unknown,
    options: Omit<HttpRequest, 'method' | 'path' | 'body'> = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>({ ...options, method: 'POST', path, body });
  }

  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    if (this.closed) throw new UpstreamUnavailableProblem(this.name, `${this.name}: client is closed`);
    const method = req.method.toUpperCase();
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const path = this.buildPath(req);
    const { body, contentType } = encodeBody(req);
    const headers: Record<string, string> = {
      accept: 'application/json, text/plain;q=0.9, */*;q=0.8',
      ...(contentType ? { 'content-type': contentType } : {}),
      ...this.target.headers,
      ...Correlation.outgoingHeaders(),
      ...lowerKeys(req.headers),
    };
    const retries =
      req.retryable === true || (req.retryable !== false && IDEMPOTENT.has(method)) ? this.retryOptions.retries : 0;
    let attempts = 0;

    const attempt = async (): Promise<RawResult> => {
      attempts++;
      const release = await this.acquireSlot();
      try {
        const res = await (this.breaker
          ? this.breaker.execute(() => this.send(method, path, headers, body, timeoutMs))
          : this.send(method, path, headers, body, timeoutMs));
        if (this.budget && (res.status === 429 || res.status === 503)) {
          // the vendor asked everyone to wait: hold the whole queue, not just this call
          const retryAfter = parseRetryAfter(res.headers['retry-after']);
          if (retryAfter !== undefined) this.budget.pauseFor(retryAfter);
        }
        return res;
      } finally {
        release?.();
      }
    };

    let result: RawResult;
    try {
      if (retries === 0) {
        result = await attempt();
      } else {
        const policy = retry(
          handleWhen((e) => isNetworkError(e)).orWhenResult((res) => this.shouldRetryResult(res as RawResult)),
          {
            maxAttempts: retries,
            backoff: new DelegateBackoff<IRetryBackoffContext<unknown>>((ctx) => this.backoff(ctx)),
          },
        );
        policy.onRetry((reason) => {
          this.retriesTotal?.inc({ target: this.name, method });
          const why = 'error' in reason ? reason.error.message : `status ${(reason.value as RawResult).status}`;
          this.log?.debug(
            {
              target: this.name,
              method,
              path,
              attempt: reason.attempt,
              delayMs: Math.round(reason.delay),
              reason: why,
            },
            `retrying ${this.name}`,
          );
        });
        result = await policy.execute(() => attempt());
      }
    } catch (e) {
      throw this.toProblem(e, method, path, attempts);
    }

    if (result.status >= 500) {
      this.noteFailure(`${method} ${path} answered ${result.status}`);
      throw new BadGatewayProblem(
        this.name,
        `${this.name} answered ${result.status} to ${method} ${path} after ${attempts} attempt(s)`,
        {
          upstreamStatus: result.status,
        },
      );
    }
    return {
      status: result.status,
      headers: result.headers,
      body: this.parse<T>(result, req, method, path),
      rawBody: result.rawBody,
    };
  }

  /** Waits for a slot in the target's rate budget (none: no wait). */
  private async acquireSlot(): Promise<(() => void) | undefined> {
    if (!this.budget) return undefined;
    this.queueGauge?.set({ target: this.name }, this.budget.queued + 1);
    try {
      return await this.budget.acquire();
    } finally {
      this.queueGauge?.set({ target: this.name }, this.budget.queued);
    }
  }

  /** Closes the pool; in-flight calls are aborted. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.budget?.close();
    await this.pool.destroy().catch(() => undefined);
  }

  private buildPath(req: HttpRequest): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(req.path))
      throw new Error(`${this.name}: path must be relative to the baseUrl, got ${req.path}`);
    const [p, existing] = req.path.split('?', 2);
    const search = new URLSearchParams(existing ?? '');
    if (req.query) appendQuery(search, req.query);
    const qs = search.toString();
    return `${this.pathPrefix}${p.startsWith('/') ? p : `/${p}`}${qs ? `?${qs}` : ''}`;
  }

  private async send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    timeoutMs: number,
  ): Promise<RawResult> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(new AttemptTimeoutError(timeoutMs)), timeoutMs);
    const started = performance.now();
    try {
      const res = await this.pool.request({
        method: method as Dispatcher.HttpMethod,
        path,
        headers,
        body,
        signal: ac.signal,
      });
      const rawBody = await res.body.text();
      this.observe(method, String(res.statusCode), started);
      return { status: res.statusCode, headers: normaliseHeaders(res.headers), rawBody };
    } catch (e) {
      const timedOut = ac.signal.aborted;
      this.observe(method, timedOut ? 'timeout' : 'error', started);
      if (timedOut) {
        this.noteFailure(`${method} ${path}: no answer within ${timeoutMs} ms`);
        throw new AttemptTimeoutError(timeoutMs);
      }
      this.noteFailure(`${method} ${path}: ${errorCode(e) ?? (e as Error).message}`);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private observe(method: string, status: string, started: number): void {
    this.duration?.observe({ target: this.name, method, status }, (performance.now() - started) / 1000);
  }

  private shouldRetryResult(res: RawResult): boolean {
    if (!RETRYABLE_STATUS.has(res.status)) return false;
    const retryAfter =
      res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers['retry-after']) : undefined;
    return retryAfter === undefined || retryAfter <= this.retryOptions.maxRetryAfterMs;
  }

  /** Retry-After when the upstream sent one (429/503), else full jitter: random(0, min(max, base * 2^(n-1))). */
  private backoff(ctx: IRetryBackoffContext<unknown>): number {
    if ('value' in ctx.result) {
      const res = ctx.result.value as RawResult;
      if (res.status === 429 || res.status === 503) {
        const retryAfter = parseRetryAfter(res.headers['retry-after']);
        if (retryAfter !== undefined) return retryAfter;
      }
    }
    const { baseDelayMs, maxDelayMs } = this.retryOptions;
    return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (ctx.attempt - 1));
  }

  private parse<T>(result: RawResult, req: HttpRequest, method: string, path: string): T {
    if (req.responseType === 'text') return result.rawBody as T;
    const type = result.headers['content-type'] ?? '';
    if (!/[/+]json\b/i.test(type)) return result.rawBody as T;
    if (result.rawBody.trim() === '') return undefined as T;
    try {
      return JSON.parse(result.rawBody) as T;
    } catch {
      throw new BadGatewayProblem(
        this.name,
        `${this.name} answered ${method} ${path} with a body that is not valid JSON`,
        { upstreamStatus: result.status },
      );
    }
  }

  private toProblem(e: unknown, method: string, path: string, attempts: number): unknown {
    const tries = `${attempts} attempt(s)`;
    if (e instanceof RateBudgetExceededError) {
      return new UpstreamUnavailableProblem(
        this.name,
        `${this.name}: the rate budget had no free slot for ${method} ${path} within ${e.waitedMs} ms`,
        { rateBudget: 'exhausted' },
        e,
      );
    }
    if (e instanceof BrokenCircuitError) {
      return new UpstreamUnavailableProblem(
        this.name,
        `${this.name} is unavailable: circuit open after repeated failures`,
        { circuit: 'open' },
        e,
      );
    }
    if (e instanceof AttemptTimeoutError) {
      return new UpstreamTimeoutProblem(
        this.name,
        `${this.name} did not answer ${method} ${path} within ${e.timeoutMs} ms (${tries})`,
        undefined,
        e,
      );
    }
    const code = errorCode(e);
    if (code && UNAVAILABLE_CODES.has(code)) {
      return new UpstreamUnavailableProblem(
        this.name,
        `${this.name} cannot be reached (${code}, ${tries})`,
        undefined,
        e,
      );
    }
    if (code && NETWORK_CODES.has(code)) {
      return new BadGatewayProblem(
        this.name,
        `${this.name} dropped the connection for ${method} ${path} (${code}, ${tries})`,
        undefined,
        e,
      );
    }
    return e;
  }

  private noteFailure(reason: string): void {
    this.lastFailure = { at: new Date().toISOString(), reason };
  }

  /** The dependency check: circuit state, and a probe of healthPath when configured. */
  private async check(): Promise<DependencyCheckResult> {
    const state = this.circuitState;
    const last = this.lastFailure ? `; last failure ${this.lastFailure.at}: ${this.lastFailure.reason}` : '';
    if (state === CircuitStateValue.Open) return { status: 'down', detail: `circuit open${last}` };
    if (this.target.healthPath) {
      try {
        const res = await this.send(
          'GET',
          this.buildPath({ method: 'GET', path: this.target.healthPath }),
          Correlation.outgoingHeaders(),
          undefined,
          Math.min(this.timeoutMs, 2000),
        );
        if (res.status >= 500) return { status: 'down', detail: `health probe answered ${res.status}` };
      } catch (e) {
        return {
          status: 'down',
          detail: `health probe failed: ${e instanceof AttemptTimeoutError ? e.message : (errorCode(e) ?? (e as Error).message)}`,
        };
      }
    }
    return { status: 'up', detail: state === CircuitStateValue.HalfOpen ? `circuit half-open${last}` : undefined };
  }
}

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function encodeBody(req: HttpRequest): { body?: string | Buffer; contentType?: string } {
  if (req.form !== undefined) {
    const search = new URLSearchParams();
    appendQuery(search, req.form);
    return { body: search.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (req.body === undefined) return {};
  if (typeof req.body === 'string') return { body: req.body, contentType: 'text/plain; charset=utf-8' };
  if (Buffer.isBuffer(req.body)) return { body: req.body, contentType: 'application/octet-stream' };
  return { body: JSON.stringify(req.body), contentType: 'application/json' };
}
