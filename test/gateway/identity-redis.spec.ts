import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { IdentityHarness } from './identity-harness';

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server (Debian's package), no persistence. */
async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const proc: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      if (i > 100) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
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

async function within(limitMs: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('gateway identity with REDIS_URL: two replicas sharing Redis (real Redis, PostgreSQL, HTTP)', () => {
  let redis: { url: string; stop: () => Promise<void> };
  let h: IdentityHarness;
  let watcher: Redis;
  const seen: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    watcher = new Redis(redis.url);
    await watcher.subscribe('gateway_identity');
    watcher.on('message', (_c: string, m: string) => seen.push(m));
    h = await IdentityHarness.start(2, { REDIS_URL: redis.url, GATEWAY_IDENTITY_CACHE_TTL_MS: '600000' });
  });
  afterAll(async () => {
    await h?.stop();
    watcher?.disconnect();
    await redis?.stop();
  });

  const status = async (replica: number, key: string) =>
    (await h.admin('GET', '/signing-keys', undefined, { 'x-api-key': key }, replica)).status;

  it('a revocation through A is published on Redis and refused by B within 1 second', async () => {
    const { key, keyId } = await h.consumerWithKey('redis-two', { scopes: ['admin'] });
    expect(await status(1, key)).toBe(200);
    await h.admin('POST', `/consumers/redis-two/keys/${keyId}/revoke`, undefined, undefined, 0);
    const elapsed = await within(1000, async () => (await status(1, key)) === 401);
    expect(elapsed).toBeLessThan(1000);
    await within(1000, async () => seen.includes(JSON.stringify({ kind: 'key', id: keyId })));
  });

  it('a change announced on Redis alone (no NOTIFY) is enough for every replica', async () => {
    const { key, keyId } = await h.consumerWithKey('redis-only', { scopes: ['admin'] });
    expect(await status(0, key)).toBe(200);
    expect(await status(1, key)).toBe(200);
    await h.sql('UPDATE gateway.api_keys SET revoked_at = now() WHERE id = $1', [keyId]);
    // Cached (TTL 10 minutes) and no NOTIFY: still accepted...
    expect(await status(1, key)).toBe(200);
    // ...until the change arrives over Redis.
    const publisher = watcher.duplicate();
    await publisher.publish('gateway_identity', JSON.stringify({ kind: 'key', id: keyId }));
    publisher.disconnect();
    await within(1000, async () => (await status(0, key)) === 401 && (await status(1, key)) === 401);
  });
});
