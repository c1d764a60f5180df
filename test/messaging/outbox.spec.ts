import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventBus, EventEnvelope, OutboxEntity, OutboxRelay, OutboxService, newEvent } from '@app/messaging';
import type { TestDatabase } from '@app/testing';
import { EffectEntity, busDatabase, sleep, startMessagingApp, waitFor } from './messaging-test-kit';

/** Transactional outbox: atomic with the state change, published right after commit, never twice by two relays. */
describe('Outbox (real PostgreSQL)', () => {
  let db: TestDatabase;
  let producer: INestApplicationContext;

  beforeAll(async () => {
    db = await busDatabase('messaging_outbox');
    // A long poll: deliveries that arrive fast can only come from the after-commit trigger.
    producer = await startMessagingApp(db, {
      appName: 'producer',
      schema: 'producer',
      settings: { outboxPollMs: 60_000 },
    });
  });
  afterAll(async () => {
    await producer?.close();
    await db?.drop();
  });

  const ds = () => producer.get(DataSource);
  const outbox = () => producer.get(OutboxService);

  async function outboxRows(): Promise<OutboxEntity[]> {
    return ds()
      .getRepository(OutboxEntity)
      .find({ order: { id: 'ASC' } });
  }

  it('commits the state change and its event together, and publishes right after commit', async () => {
    const observed = await observeBus(db, ['order.placed']);
    try {
      const event = newEvent('order.placed', 'order-1', { total: 1 }, { source: 'producer' });
      const t0 = performance.now();
      await ds().transaction(async (manager) => {
        await manager.getRepository(EffectEntity).insert({ key: 'order-1', note: 'placed' });
        await outbox().stage(manager, [event]);
      });
      await waitFor(() => observed.events.some((e) => e.id === event.id), 3000, 'event on the bus');
      process.stdout.write(`commit -> consumer via outbox relay: ${(performance.now() - t0).toFixed(1)} ms\n`);
      const row = (await outboxRows()).find((r) => r.event.id === event.id)!;
      expect(row.publishedAt).toBeInstanceOf(Date);
      expect(row.attempts).toBe(1);
      expect(await ds().getRepository(EffectEntity).countBy({ key: 'order-1' })).toBe(1);
    } finally {
      await observed.stop();
    }
  });

  it('a rolled back transaction leaves neither state nor event', async () => {
    const observed = await observeBus(db, ['order.cancelled']);
    try {
      const event = newEvent('order.cancelled', 'order-2', {}, { source: 'producer' });
      await expect(
        ds().transaction(async (manager) => {
          await manager.getRepository(EffectEntity).insert({ key: 'order-2', note: 'x' });
          await outbox().stage(manager, [event]);
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');
      await producer.get(OutboxRelay).flush();
      await sleep(200);
      expect((await outboxRows()).some((r) => r.event.id === event.id)).toBe(false);
      expect(await ds().getRepository(EffectEntity).countBy({ key: 'order-2' })).toBe(0);
      expect(observed.events).toHaveLength(0);
    } finally {
      await observed.stop();
    }
  });

  it('publishes staged events in order', async () => {
    const observed = await observeBus(db, ['seq.step']);
    try {
      const events = Array.from({ length: 20 }, (_, i) => newEvent('seq.step', 'seq', { i }, { source: 'producer' }));
      await ds().transaction(async (manager) => {
        await outbox().stage(manager, events.slice(0, 10));
        await outbox().stage(manager, events.slice(10));
      });
      await waitFor(() => observed.published.length >= 20, 3000, '20 events');
      expect(observed.published.map((e) => (e.data as { i: number }).i)).toEqual(events.map((_, i) => i));
    } finally {
      await observed.stop();
    }
  });

  it('two relays on one outbox never publish a row twice', async () => {
    // Stage 300 rows without letting the app's relay see them (outside any hook: raw insert).
    const events = Array.from({ length: 300 }, (_, i) =>
      newEvent('bulk.item', `b-${i}`, { i }, { source: 'producer' }),
    );
    await ds()
      .getRepository(OutboxEntity)
      .insert(events.map((event) => ({ event }) as never));
    const published: string[] = [];
    const counting = {
      publish: async (evs: EventEnvelope[]) => void published.push(...evs.map((e) => e.id)),
    } as EventBus;
    const relayA = new OutboxRelay(ds(), counting).configure({ pollMs: 60_000, batchSize: 7 });
    const relayB = new OutboxRelay(ds(), counting).configure({ pollMs: 60_000, batchSize: 7 });
    // The app's own relay only polls every 60 s here; whatever it took is neither A's nor B's.
    const [a, b] = await Promise.all([relayA.flush(), relayB.flush()]);
    const appRelay = 300 - a - b;
    expect(new Set(published).size).toBe(published.length); // no duplicates between A and B
    expect(a + b + appRelay).toBe(300);
    const { rows } = await queryDb(db, `select count(*)::int as n from producer.outbox where published_at is null`);
    expect(rows[0].n).toBe(0);
  });

  it('keeps a row when the bus is down and publishes it on a later flush', async () => {
    const failing = {
      publish: async () => {
        throw new Error('bus unavailable');
      },
    } as unknown as EventBus;
    const event = newEvent('retry.later', 'r', {}, { source: 'producer' });
    await ds()
      .getRepository(OutboxEntity)
      .insert({ event } as never);
    const broken = new OutboxRelay(ds(), failing).configure({ pollMs: 60_000, batchSize: 100 });
    await expect(broken.flush()).rejects.toThrow('bus unavailable');
    const { rows } = await queryDb(
      db,
      `select attempts, last_error, published_at from producer.outbox where event->>'id' = $1`,
      [event.id],
    );
    if (rows[0].published_at === null) {
      expect(rows[0].attempts).toBeGreaterThanOrEqual(1);
      expect(rows[0].last_error).toBe('bus unavailable');
    }
    await producer.get(OutboxRelay).flush();
    const after = await queryDb(db, `select published_at, last_error from producer.outbox where event->>'id' = $1`, [
      event.id,
    ]);
    expect(after.rows[0].published_at).not.toBeNull();
    expect(after.rows[0].last_error).toBeNull();
  });
});

async function queryDb(db: TestDatabase, sql: string, params: unknown[] = []) {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

/** A consumer group on a bus of its own that records what it receives (in arrival order). */
async function observeBus(db: TestDatabase, types: string[]) {
  const { GraphileEventBus } = await import('@app/messaging');
  const bus = new GraphileEventBus({
    connectionString: db.url,
    appName: 'observer',
    retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
    concurrency: 1,
    pollIntervalMs: 1000,
    poolSize: 3,
    shutdownTimeoutMs: 2000,
  });
  const events: EventEnvelope[] = [];
  const group = `observer.${types.join('-').replace(/[^a-z0-9]/gi, '_')}`;
  bus.subscribe({ group, types, handler: async (e) => void events.push(e) });
  await bus.start();
  return { events, published: events, stop: () => bus.stop() };
}
