import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Correlation } from '../correlation/correlation';
import { parseTraceparent } from '../correlation/traceparent';
import { BadGatewayProblem, UpstreamTimeoutProblem, UpstreamUnavailableProblem } from '../errors/problem-error';
import { DependencyRegistry } from '../health/dependency-registry';
import { MetricsService } from '../metrics/metrics.service';
import { CircuitStateValue, HttpTarget } from './http-client.types';
import { parseRetryAfter, ResilientHttpClient } from './resilient-http-client';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A real upstream on port 0 whose answers are scripted per test. */
class Upstream {
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  private handlers: Handler[] = [];
  private fallback: Handler = (_req, _body, res) => json(res, 200, { ok: true });
  private readonly server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        (this.handlers.shift() ?? this.fallback)(req, body, res);
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  next(...handlers: Handler[]): void {
    this.handlers.push(...handlers);
  }

  always(handler: Handler): void {
    this.fallback = handler;
  }

  reset(): void {
    this.requests.length = 0;
    this.handlers = [];
    this.fallback = (_req, _body, res) => json(res, 200, { ok: true });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const hang: Handler = () => undefined;

/** The value of one series of a metric (labels matched as a subset, in any order). */
async function metricValue(
  metrics: MetricsService,
  name: string,
  labels: Record<string, string>,
  series = name,
): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  const match = values.find(
    (v) =>
      ((v as { metricName?: string }).metricName ?? name) === series &&
      Object.entries(labels).every(([k, val]) => String(v.labels[k]) === val),
  );
  return match?.value;
}

describe('ResilientHttpClient (against a real HTTP server)', () => {
  const upstream = new Upstream();
  let metrics: MetricsService;
  let dependencies: DependencyRegistry;
  const clients: ResilientHttpClient[] = [];

  const client = (overrides: Partial<HttpTarget> = {}): ResilientHttpClient => {
    const c = new ResilientHttpClient(
      {
        name: 'crm',
        baseUrl: upstream.url,
        timeoutMs: 1000,
        retries: { retries: 2, baseDelayMs: 10, maxDelayMs: 50 },
        ...overrides,
      },
      { metrics, dependencies },
    );
    clients.push(c);
    return c;
  };

  beforeAll(() => upstream.start());
  afterAll(() => upstream.stop());
  beforeEach(() => {
    upstream.reset();
    metrics = new MetricsService({ app: 'test', defaultMetrics: false });
    dependencies = new DependencyRegistry();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it('sends JSON, query and correlation headers and parses the JSON answer', async () => {
    upstream.next((req, body, res) => json(res, 201, { received: JSON.parse(body) }));
    const ctx = Correlation.create('corr-123');
    const res = await Correlation.run(ctx, () =>
      client().request<{ received: unknown }>({
        method: 'POST',
        path: '/things',
        query: { a: 1, tags: ['x', 'y'], skip: undefined },
        body: { name: 'n' },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ received: { name: 'n' } });
    const seen = upstream.requests[0];
    expect(seen.url).toBe('/things?a=1&tags=x&tags=y');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['x-correlation-id']).toBe('corr-123');
    const sent = parseTraceparent(seen.headers.traceparent);
    const mine = parseTraceparent(ctx.traceparent);
    expect(sent?.traceId).toBe(mine?.traceId);
    expect(sent?.parentId).not.toBe(mine?.parentId);
  });

  it('keeps a baseUrl path prefix and sends form bodies', async () => {
    upstream.next((_req, body, res) => json(res, 200, { body }));
    const res = await client({ baseUrl: `${upstream.url}/services/data/` }).request<{ body: string }>({
      method: 'POST',
      path: 'token',
      form: { grant_type: 'client_credentials', scope: 'a b' },
    });
    expect(upstream.requests[0].url).toBe('/services/data/token');
    expect(upstream.requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(res.body.body).toBe('grant_type=client_credentials&scope=a+b');
  });

  it('returns text bodies raw and generates correlation headers outside any context', async () => {
    upstream.next((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('a,b\n1,2');
    });
    const res = await client().get<string>('/export');
    expect(res.body).toBe('a,b\n1,2');
    expect(res.rawBody).toBe('a,b\n1,2');
    expect(upstream.requests[0].headers['x-correlation-id']).toBeTruthy();
    expect(parseTraceparent(upstream.requests[0].headers.traceparent)).toBeDefined();
  });

  it('returns 4xx answers to the caller without retrying', async () => {
    upstream.next((_req, _body, res) => json(res, 404, { error: 'nope' }));
    const res = await client().get<{ error: string }>('/missing');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('nope');
    expect(upstream.requests).toHaveLength(1);
  });

  it('retries idempotent calls on 5xx and succeeds', async () => {
    upstream.next(
      (_req, _b, res) => json(res, 502, {}),
      (_req, _b, res) => json(res, 500, {}),
    );
    const res = await client().get('/flaky');
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(3);
    expect(await metricValue(metrics, 'http_client_retries_total', { target: 'crm', method: 'GET' })).toBe(2);
  });

  it('honours Retry-After (seconds) on 503', async () => {
    upstream.next((_req, _b, res) => json(res, 503, {}, { 'retry-after': '1' }));
    const started = Date.now();
    const res = await client().get('/busy');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(upstream.requests).toHaveLength(2);
  });

  it('gives up at once when Retry-After is longer than allowed, returning the 429', async () => {
    upstream.next((_req, _b, res) => json(res, 429, { error: 'slow down' }, { 'retry-after': '120' }));
    const res = await client().get('/throttled');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('120');
    expect(upstream.requests).toHaveLength(1);
  });

  it('does not retry a POST unless the caller marks it retryable', async () => {
    upstream.always((_req, _b, res) => json(res, 503, {}));
    await expect(client({ breaker: false }).post('/orders', { a: 1 })).rejects.toBeInstanceOf(BadGatewayProblem);
    expect(upstream.requests).toHaveLength(1);

    upstream.reset();
    upstream.next((_req, _b, res) => json(res, 503, {}));
    const res = await client({ name: 'crm2', breaker: false }).request({
      method: 'POST',
      path: '/orders',
      body: { a: 1 },
      retryable: true,
    });
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(2);
  });

  it('throws BadGatewayProblem naming the dependency when 5xx persists after retries', async () => {
    upstream.always((_req, _b, res) => json(res, 500, {}));
    const err = await client({ breaker: false })
      .get('/broken')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadGatewayProblem);
    expect((err as BadGatewayProblem).toProblem()).toMatchObject({
      status: 502,
      dependency: 'crm',
      upstreamStatus: 500,
    });
    expect(upstream.requests).toHaveLength(3);
  });

  it('throws BadGatewayProblem for an unparseable JSON body', async () => {
    upstream.next((_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{not json');
    });
    await expect(client().get('/garbage')).rejects.toBeInstanceOf(BadGatewayProblem);
  });

  it('times out a hung upstream: the caller never hangs', async () => {
    upstream.always(hang);
    const started = Date.now();
    const err = await client({ timeoutMs: 150, retries: { retries: 1, baseDelayMs: 10, maxDelayMs: 20 } })
      .get('/hung')
      .catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(UpstreamTimeoutProblem);
    expect((err as UpstreamTimeoutProblem).toProblem()).toMatchObject({ status: 504, dependency: 'crm' });
    expect(upstream.requests).toHaveLength(2);
    expect(elapsed).toBeLessThan(1500);
    expect(await metrics.metrics()).toContain('status="timeout"');
  });

  it('honours a per-call timeout override', async () => {
    upstream.next(hang);
    const started = Date.now();
    await expect(
      client({ timeoutMs: 10_000 }).request({ method: 'POST', path: '/slow', body: {}, timeoutMs: 100 }),
    ).rejects.toBeInstanceOf(UpstreamTimeoutProblem);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('maps connection refused to UpstreamUnavailableProblem', async () => {
    const closed = new Upstream();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    const c = new ResilientHttpClient({ name: 'gone', baseUrl: url, timeoutMs: 500, retries: 0 }, {});
    clients.push(c);
    const err = await c.get('/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableProblem);
    expect((err as UpstreamUnavailableProblem).dependency).toBe('gone');
  });

  it('opens the circuit after consecutive failures, fails fast, then closes after a good trial call', async () => {
    upstream.always((_req, _b, res) => json(res, 500, {}));
    const c = client({ retries: 0, breaker: { threshold: 2, halfOpenAfterMs: 200 } });
    await expect(c.get('/a')).rejects.toBeInstanceOf(BadGatewayProblem);
    await expect(c.get('/a')).rejects.toBeInstanceOf(BadGatewayProblem);
    expect(c.circuitState).toBe(CircuitStateValue.Open);
    expect(await metricValue(metrics, 'http_client_circuit_state', { target: 'crm' })).toBe(1);

    const err = await c.get('/a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableProblem);
    expect(upstream.requests).toHaveLength(2); // the open circuit did not call the upstream
    const report = await dependencies.checkAll();
    expect(report.status).toBe('degraded');
    expect(report.dependencies[0]).toMatchObject({ name: 'crm', status: 'down' });

    upstream.always((_req, _b, res) => json(res, 200, { ok: true }));
    await new Promise((r) => setTimeout(r, 250));
    const res = await c.get('/a');
    expect(res.status).toBe(200);
    expect(c.circuitState).toBe(CircuitStateValue.Closed);
    expect(await metricValue(metrics, 'http_client_circuit_state', { target: 'crm' })).toBe(0);
    expect((await dependencies.checkAll()).status).toBe('up');
  });

  it('supports a sampling breaker', async () => {
    upstream.always((_req, _b, res) => json(res, 503, {}));
    const c = client({
      retries: 0,
      breaker: { type: 'sampling', threshold: 0.5, samplingDurationMs: 1000, minimumRps: 1, halfOpenAfterMs: 5000 },
    });
    for (let i = 0; i < 5; i++) await c.get('/s').catch(() => undefined);
    expect(c.circuitState).toBe(CircuitStateValue.Open);
  });

  it('queues calls beyond its rate budget instead of sending them, and they all succeed', async () => {
    const c = client({ rateBudget: { requestsPerSecond: 20, burst: 2 } });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => c.get(`/item/${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    // 2 at once, then 8 at 20/s: about 400 ms, where an unbudgeted client takes a few ms
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(upstream.requests).toHaveLength(10);
  });

  it('holds the whole queue for a Retry-After the vendor sends', async () => {
    const c = client({ rateBudget: { requestsPerSecond: 1000 }, retries: 0 });
    upstream.next((_req, _b, res) => json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }));
    expect((await c.get('/first')).status).toBe(429);
    const started = Date.now();
    expect((await c.get('/second')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('records per-target request durations', async () => {
    await client().get('/ok');
    expect(
      await metricValue(
        metrics,
        'http_client_request_duration_seconds',
        { target: 'crm', method: 'GET', status: '200' },
        'http_client_request_duration_seconds_count',
      ),
    ).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
