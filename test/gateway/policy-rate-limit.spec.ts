/**
 * Rate limits and quotas per plan on the running gateway: the IETF RateLimit-Policy and RateLimit
 * fields on every answer, 429 problem+json with Retry-After, the daily quota, and (when Redis is
 * reachable) two gateway instances sharing one exact limit through Redis.
 */
import Redis from 'ioredis';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { PolicyHarness } from './policy-harness';

const DEFAULT_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Redis for the shared-limit test: the one at REDIS_URL (or 127.0.0.1:6379) when reachable, else a
 * throwaway redis-server (Debian's package, which CI installs) on a free port, else none.
 */
async function sharedRedis(): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  if (await redisReachable(DEFAULT_REDIS_URL)) return { url: DEFAULT_REDIS_URL, stop: async () => undefined };
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as { port: number };
      srv.close(() => resolve(p));
    });
  });
  const proc: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; !(await redisReachable(url)); i++) {
    if (i > 100) {
      proc.kill('SIGTERM');
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** `"partner";r=42;t=1` -> { partner: { r: 42, t: 1 } } */
function parseItems(field: string | null): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const item of (field ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, ...params] = item.split(';');
    out[JSON.parse(name) as string] = Object.fromEntries(
      params.map((p) => {
        const [k, v] = p.split('=');
        return [k, Number(v)];
      }),
    );
  }
  return out;
}

describe('gateway policy: rate limits and quotas (in memory)', () => {
  let h: PolicyHarness;
  let partner: { key: string };
  let free: { key: string };

  beforeAll(async () => {
    h = await PolicyHarness.start({
      GATEWAY_PLANS: JSON.stringify({
        partner: { rate: 5, windowSeconds: 1 },
        free: { rate: 3, windowSeconds: 1, daily: 4 },
      }),
    });
    partner = await h.consumerWithKey('rl-partner', { plan: 'partner', scopes: ['widgets:read'] });
    free = await h.consumerWithKey('rl-free', { plan: 'free', scopes: ['widgets:read'] });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('carries RateLimit-Policy and RateLimit on every answer, counts down, then 429 with Retry-After', async () => {
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': partner.key });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"partner";q=5;w=1');
      remaining.push(parseItems(res.headers.get('ratelimit')).partner.r);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const before = h.hits.length;
    const refused = await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': partner.key });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.type).toMatch(/rate-limited$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(parseItems(refused.headers.get('ratelimit')).partner).toEqual({ r: 0, t: 1 });
    expect(h.hits.length).toBe(before);
    // an error answer carries them too
    const notFound = await h.call('GET', '/system/widgets/v2/nothing', undefined, { 'x-api-key': partner.key });
    expect(notFound.headers.get('ratelimit-policy')).toBe('"partner";q=5;w=1');
    // the window slides: after a second the consumer is admitted again
    await new Promise((r) => setTimeout(r, 1100));
    expect((await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': partner.key })).status).toBe(
      200,
    );
  });

  it('limits each consumer on its own', async () => {
    const res = await h.call('GET', '/system/widgets/v2/widgets');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe('"internal";q=1000;w=1');
  });

  it('enforces the daily quota with its own policy item, 429 quota-exceeded', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': free.key });
      statuses.push(last.status);
      if (i === 2) await new Promise((r) => setTimeout(r, 1100)); // stay under 3 per second
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(last!.headers.get('ratelimit-policy')).toBe('"free";q=3;w=1, "free-daily";q=4;w=86400');
    expect(parseItems(last!.headers.get('ratelimit'))['free-daily'].r).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    const refused = await h.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': free.key });
    expect(refused.status).toBe(429);
    expect(refused.body.type).toMatch(/quota-exceeded$/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
  });
});

describe('gateway policy: two gateway instances sharing Redis admit at most the limit + 1%', () => {
  let h: PolicyHarness | undefined;
  let redis: { url: string; stop: () => Promise<void> } | undefined;
  let consumer: { key: string };
  const LIMIT = 100;
  const WINDOW_S = 60;

  beforeAll(async () => {
    redis = await sharedRedis();
    if (!redis) return;
    h = await PolicyHarness.start(
      {
        REDIS_URL: redis.url,
        GATEWAY_PLANS: JSON.stringify({ partner: { rate: LIMIT, windowSeconds: WINDOW_S } }),
      },
      2,
    );
    consumer = await h.consumerWithKey(`redis-partner-${Date.now()}`, { plan: 'partner', scopes: ['widgets:read'] });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
    await redis?.stop();
  });

  it('counts one limit across both replicas: 3x the limit in parallel, at most limit + 1% admitted', async () => {
    if (!redis) {
      console.warn(`Redis is not reachable at ${DEFAULT_REDIS_URL} and redis-server is not installed: not run`);
      return;
    }
    // a 60 s window, so that however slow the machine the whole burst falls in one window
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: LIMIT * 3 }, (_, i) =>
        h!.call('GET', '/system/widgets/v2/widgets', undefined, { 'x-api-key': consumer.key }, i % 2).then((r) => ({
          status: r.status,
          replica: i % 2,
          policy: r.headers.get('ratelimit-policy'),
        })),
      ),
    );
    expect(Date.now() - started).toBeLessThan(WINDOW_S * 1000);
    const admitted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(admitted.length + refused.length).toBe(results.length);
    expect(admitted.length).toBeGreaterThanOrEqual(LIMIT);
    expect(admitted.length).toBeLessThanOrEqual(Math.floor(LIMIT * 1.01));
    // both replicas admitted and refused: one shared count, not one each
    expect(new Set(admitted.map((r) => r.replica))).toEqual(new Set([0, 1]));
    expect(new Set(refused.map((r) => r.replica))).toEqual(new Set([0, 1]));
    expect(results[0].policy).toBe(`"partner";q=${LIMIT};w=${WINDOW_S}`);
  });
});
