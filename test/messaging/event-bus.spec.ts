import { Client } from 'pg';
import {
  EventEnvelope,
  GraphileEventBus,
  GraphileEventBusOptions,
  migrateBus,
  newEvent,
  registerSubscriptions,
} from '@app/messaging';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { busDatabase, sleep, waitFor } from './messaging-test-kit';

/** The graphile-worker adapter on its own: fan-out, latency, dedupe by job key, retries with backoff. */
describe('GraphileEventBus (real PostgreSQL)', () => {
  let db: TestDatabase;
  const buses: GraphileEventBus[] = [];

  const bus = (appName: string, over: Partial<GraphileEventBusOptions> = {}) => {
    const b = new GraphileEventBus({
      connectionString: db.url,
      appName,
      retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
      concurrency: 2,
      pollIntervalMs: 1000,
      poolSize: 4,
      shutdownTimeoutMs: 5000,
      ...over,
    });
    buses.push(b);
    return b;
  };

  beforeAll(async () => {
    db = await busDatabase('messaging_bus');
  });
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.stop()));
    await db.drop();
  });

  it('delivers a published event to every subscribed group within milliseconds, publisher in another process', async () => {
    const received: Record<string, EventEnvelope[]> = { a: [], b: [], other: [] };
    const consumerA = bus('consumer-a');
    consumerA.subscribe({ group: 'test.a', types: ['thing.happened'], handler: async (e) => void received.a.push(e) });
    const consumerB = bus('consumer-b');
    consumerB.subscribe({
      group: 'test.b',
      types: ['thing.happened', 'other.happened'],
      handler: async (e) => void received.b.push(e),
    });
    const other = bus('consumer-other');
    other.subscribe({
      group: 'test.other',
      types: ['unrelated.happened'],
      handler: async (e) => void received.other.push(e),
    });
    await Promise.all([consumerA.start(), consumerB.start(), other.start()]);
    const publisher = bus('publisher');
    await publisher.start();

    // warm-up so connection setup is not measured
    await publisher.publish([newEvent('thing.happened', 'warm', {}, { source: 'test' })]);
    await waitFor(() => received.a.length === 1 && received.b.length === 1, 5000, 'warm-up delivery');

    const event = newEvent('thing.happened', 'subject-1', { n: 1 }, { source: 'test' });
    const t0 = performance.now();
    await publisher.publish([event]);
    await waitFor(() => received.a.length === 2 && received.b.length === 2, 5000, 'delivery');
    const latencyMs = performance.now() - t0;
    process.stdout.write(`publish -> deliver to 2 groups: ${latencyMs.toFixed(1)} ms\n`);
    expect(latencyMs).toBeLessThan(1000); // typically a few ms: LISTEN/NOTIFY, no polling
    expect(received.a[1]).toEqual(event);
    expect(received.b[1]).toEqual(event);
    expect(received.other).toHaveLength(0);
  });

  it('collapses a double publish of one event into one delivery per group while the job waits', async () => {
    const got: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const consumer = bus('dedupe-consumer', { concurrency: 1 });
    consumer.subscribe({
      group: 'test.dedupe',
      types: ['dedupe.blocker', 'dedupe.happened'],
      handler: async (e) => {
        if (e.type === 'dedupe.blocker') await gate; // keeps the single worker busy
        got.push(e.id);
      },
    });
    await consumer.start();
    const blocker = newEvent('dedupe.blocker', 'b', {}, { source: 'test' });
    const event = newEvent('dedupe.happened', 's', {}, { source: 'test' });
    await consumer.publish([blocker]);
    await sleep(50);
    await consumer.publish([event]);
    await consumer.publish([event]);
    await consumer.publish([event, event]);
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    const { rows } = await admin.query(`select count(*)::int as n from graphile_worker.jobs where key = $1`, [
      `test.dedupe:${event.id}`,
    ]);
    await admin.end();
    expect(rows[0].n).toBe(1);
    release();
    await waitFor(() => got.includes(event.id), 5000, 'delivery');
    await sleep(200);
    expect(got.filter((id) => id === event.id)).toHaveLength(1);
  });

  it('retries a failing handler with its own fast backoff, attempt numbers 1..max, then gives up to the caller', async () => {
    const attempts: number[] = [];
    const consumer = bus('retry-consumer');
    consumer.subscribe({
      group: 'test.retry',
      types: ['retry.happened'],
      handler: async (_e, d) => {
        attempts.push(d.attempt);
        expect(d.maxAttempts).toBe(3);
        if (d.attempt < 3) throw new Error(`boom ${d.attempt}`);
      },
    });
    await consumer.start();
    const t0 = Date.now();
    await consumer.publish([newEvent('retry.happened', 's', {}, { source: 'test' })]);
    await waitFor(() => attempts.length === 3, 5000, 'three attempts');
    const elapsed = Date.now() - t0;
    expect(attempts).toEqual([1, 2, 3]);
    // backoff 25..50 ms then 50..100 ms (+ jitter), far below graphile's own e^n seconds
    expect(elapsed).toBeLessThan(1500);
    await sleep(150);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('redeliver() reaches only the named group', async () => {
    const got: Record<string, number> = { x: 0, y: 0 };
    const consumer = bus('redeliver-consumer');
    consumer.subscribe({ group: 'test.x', types: ['shared.happened'], handler: async () => void got.x++ });
    consumer.subscribe({ group: 'test.y', types: ['shared.happened'], handler: async () => void got.y++ });
    await consumer.start();
    await consumer.redeliver('test.y', [newEvent('shared.happened', 's', {}, { source: 'test' })]);
    await waitFor(() => got.y === 1, 5000, 'redelivery');
    await sleep(100);
    expect(got).toEqual({ x: 0, y: 1 });
  });

  it('keeps events for a group registered ahead of its process (launcher pre-registration)', async () => {
    await registerSubscriptions(db.url, [{ group: 'test.late', types: ['late.happened'] }]);
    const publisher = bus('early-publisher');
    const event = newEvent('late.happened', 's', {}, { source: 'test' });
    await publisher.publish([event]); // the consumer process is not running yet
    const got: string[] = [];
    const late = bus('late-consumer');
    late.subscribe({ group: 'test.late', types: ['late.happened'], handler: async (e) => void got.push(e.id) });
    await late.start();
    await waitFor(() => got.length === 1, 5000, 'delivery after start');
    expect(got).toEqual([event.id]);
  });

  it('migrateBus is safe to run concurrently on an empty database, and again', async () => {
    const fresh = await createTestDatabase('messaging_migrate');
    try {
      await Promise.all([1, 2, 3, 4].map(() => migrateBus(fresh.url)));
      await migrateBus(fresh.url);
      const c = new Client({ connectionString: fresh.url });
      await c.connect();
      const { rows } = await c.query(
        `select (select count(*)::int from graphile_worker.migrations) as migrations, to_regclass('messaging.subscriptions') is not null as registry`,
      );
      await c.end();
      expect(rows[0].migrations).toBeGreaterThanOrEqual(19);
      expect(rows[0].registry).toBe(true);
    } finally {
      await fresh.drop();
    }
  });

  it('rejects malformed envelopes and refuses to work once stopped', async () => {
    const b = bus('closing');
    await expect(b.publish([{ id: 'nope' } as unknown as EventEnvelope])).rejects.toThrow(/id must be a UUID/);
    await b.stop();
    await expect(b.publish([newEvent('x.y', 's', {}, { source: 'test' })])).rejects.toThrow(/stopped/);
  });
});
