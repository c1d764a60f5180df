import { INestApplicationContext, Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Correlation } from '@app/platform';
import {
  DeadLetterActionEntity,
  DeadLetterEntity,
  DeadLetterNotFoundError,
  DeadLetterService,
  DeadLetterStateError,
  EventBus,
  NonRetryableError,
  EventConsumer,
  EventEnvelope,
  HandlerContext,
  InboxEntity,
  newEvent,
} from '@app/messaging';
import type { TestDatabase } from '@app/testing';
import { EffectEntity, busDatabase, sleep, startMessagingApp, waitFor } from './messaging-test-kit';

/** Behaviour switch shared by the test and the consumer (per event subject). */
const behaviour = new Map<string, 'ok' | 'fail' | 'fail-once' | 'poison-pill'>();
const calls: { subject: string; attempt: number; correlationId?: string }[] = [];

@Injectable()
class RecordingConsumer implements EventConsumer<{ note: string }> {
  async handle(event: EventEnvelope<{ note: string }>, ctx: HandlerContext): Promise<void> {
    calls.push({ subject: event.subject, attempt: ctx.attempt, correlationId: Correlation.current()?.correlationId });
    // The effect is written first, so a failure afterwards proves the rollback.
    await ctx.manager
      .getRepository(EffectEntity)
      .insert({ key: `${event.subject}:${event.id}`, note: event.data.note });
    const mode = behaviour.get(event.subject) ?? 'ok';
    if (mode === 'poison-pill') throw new NonRetryableError(`${event.subject} can never be handled`);
    if (mode === 'fail' || (mode === 'fail-once' && ctx.attempt === 1))
      throw new Error(`cannot handle ${event.subject}`);
  }
}

describe('Consumers: inbox, retries, dead letters, replay (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  const GROUP = 'consumer.recording';

  beforeAll(async () => {
    db = await busDatabase('messaging_consumers');
    app = await startMessagingApp(db, {
      appName: 'consumer-app',
      schema: 'consumer_app',
      providers: [RecordingConsumer],
      consumers: [{ group: GROUP, types: ['note.added'], consumer: RecordingConsumer }],
      settings: { maxAttempts: 3, retryBaseMs: 50 },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const bus = () => app.get(EventBus);
  const dl = () => app.get(DeadLetterService);
  const ds = () => app.get(DataSource);
  const effects = (subject: string) =>
    ds()
      .getRepository(EffectEntity)
      .createQueryBuilder('e')
      .where('e.key like :k', { k: `${subject}:%` })
      .getCount();
  const callsFor = (subject: string) => calls.filter((c) => c.subject === subject);
  const deadLetterFor = (eventId: string) =>
    ds().getRepository(DeadLetterEntity).findOneBy({ eventId, consumerGroup: GROUP });
  const note = (subject: string, correlationId?: string) =>
    newEvent('note.added', subject, { note: subject }, { source: 'test', correlationId });

  it('handles an event once, in its correlation context, even when it is delivered twice', async () => {
    const event = note('dup', 'corr-dup-1');
    await bus().publish([event]);
    await waitFor(async () => (await effects('dup')) === 1, 5000, 'first effect');
    await bus().publish([event]); // redelivery after completion: a new job, stopped by the inbox
    await bus().redeliver(GROUP, [event]);
    await sleep(300);
    expect(await effects('dup')).toBe(1);
    expect(callsFor('dup')).toEqual([{ subject: 'dup', attempt: 1, correlationId: 'corr-dup-1' }]);
    const inbox = await ds().getRepository(InboxEntity).findOneByOrFail({ consumer: GROUP, eventId: event.id });
    expect(inbox).toMatchObject({ eventType: 'note.added', attempt: 1 });
  });

  it('rolls back a failed attempt and retries: one effect', async () => {
    behaviour.set('flaky', 'fail-once');
    const event = note('flaky');
    await bus().publish([event]);
    await waitFor(async () => (await effects('flaky')) === 1, 5000, 'effect after retry');
    await sleep(150);
    expect(callsFor('flaky').map((c) => c.attempt)).toEqual([1, 2]);
    expect(await effects('flaky')).toBe(1);
    expect(await deadLetterFor(event.id)).toBeNull();
  });

  it('retries with backoff up to MESSAGING_MAX_ATTEMPTS, then dead-letters the event with the error', async () => {
    behaviour.set('poison', 'fail');
    const event = note('poison');
    const t0 = Date.now();
    await bus().publish([event]);
    const letter = await waitFor(() => deadLetterFor(event.id), 5000, 'dead letter');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(callsFor('poison').map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(await effects('poison')).toBe(0);
    expect(letter).toMatchObject({
      consumerGroup: GROUP,
      eventType: 'note.added',
      attempts: 3,
      status: 'open',
      errorMessage: 'cannot handle poison',
    });
    expect(letter.errorStack).toContain('RecordingConsumer');
    expect(letter.event).toEqual(event);
    await sleep(200);
    expect(callsFor('poison')).toHaveLength(3); // the job completed: no more deliveries
  });

  it('dead-letters a NonRetryableError at once, without retries', async () => {
    behaviour.set('pill', 'poison-pill');
    const event = note('pill');
    await bus().publish([event]);
    const letter = await waitFor(() => deadLetterFor(event.id), 5000, 'dead letter');
    expect(letter).toMatchObject({ attempts: 1, errorMessage: 'pill can never be handled' });
    await sleep(200);
    expect(callsFor('pill').map((c) => c.attempt)).toEqual([1]);
  });

  it('replays a dead letter once it can succeed: delivered once, audited, status replayed', async () => {
    behaviour.set('fixable', 'fail');
    const event = note('fixable');
    await bus().publish([event]);
    const letter = await waitFor(() => deadLetterFor(event.id), 5000, 'dead letter');
    behaviour.set('fixable', 'ok');

    const replayed = await dl().replay(letter.id, { actor: 'ops:alice', reason: 'downstream fixed' });
    expect(replayed.status).toBe('replayed');
    await waitFor(async () => (await effects('fixable')) === 1, 5000, 'effect after replay');
    await sleep(200);
    expect(await effects('fixable')).toBe(1);
    expect(callsFor('fixable').map((c) => c.attempt)).toEqual([1, 2, 3, 1]);

    const history = await dl().history(letter.id);
    expect(history).toEqual([
      expect.objectContaining({
        action: 'replay',
        actor: 'ops:alice',
        reason: 'downstream fixed',
        deadLetterId: letter.id,
      }),
    ]);
    expect(history[0].at).toBeInstanceOf(Date);
    await expect(dl().replay(letter.id, { actor: 'ops:alice', reason: 'again' })).rejects.toBeInstanceOf(
      DeadLetterStateError,
    );
    expect((await dl().get(letter.id)).status).toBe('replayed');
  });

  it('reopens a dead letter whose replay fails again, with a system audit entry', async () => {
    behaviour.set('stubborn', 'fail');
    const event = note('stubborn');
    await bus().publish([event]);
    const letter = await waitFor(() => deadLetterFor(event.id), 5000, 'dead letter');
    await dl().replay(letter.id, { actor: 'ops:bob', reason: 'try again' });
    await waitFor(async () => (await dl().history(letter.id)).some((a) => a.action === 'reopen'), 5000, 'reopen');
    const again = await dl().get(letter.id);
    expect(again.status).toBe('open');
    expect(again.id).toBe(letter.id);
    expect((await dl().history(letter.id)).map((a) => [a.action, a.actor])).toEqual([
      ['replay', 'ops:bob'],
      ['reopen', 'system'],
    ]);
  });

  it('resolves a dead letter by hand, audited; a resolved letter cannot be replayed', async () => {
    behaviour.set('dropme', 'fail');
    const event = note('dropme');
    await bus().publish([event]);
    const letter = await waitFor(() => deadLetterFor(event.id), 5000, 'dead letter');
    const resolved = await dl().resolve(letter.id, { actor: 'ops:carol', reason: 'fixed by hand in the CRM' });
    expect(resolved.status).toBe('resolved');
    const history = await dl().history(letter.id);
    expect(history).toEqual([
      expect.objectContaining({ action: 'resolve', actor: 'ops:carol', reason: 'fixed by hand in the CRM' }),
    ]);
    await expect(dl().replay(letter.id, { actor: 'ops:carol', reason: 'x' })).rejects.toBeInstanceOf(
      DeadLetterStateError,
    );
    await expect(dl().resolve(letter.id, { actor: 'ops:carol', reason: 'x' })).rejects.toBeInstanceOf(
      DeadLetterStateError,
    );
  });

  it('lists with filters and replays every open match in one call', async () => {
    for (const s of ['batch-1', 'batch-2', 'batch-3']) behaviour.set(s, 'fail');
    const events = ['batch-1', 'batch-2', 'batch-3'].map((s) => note(s));
    const since = new Date(Date.now() - 5); // after every earlier test's failures
    await bus().publish(events);
    await waitFor(
      async () => (await Promise.all(events.map((e) => deadLetterFor(e.id)))).every(Boolean),
      5000,
      'three dead letters',
    );

    const open = await dl().list({ group: GROUP, type: 'note.added', status: 'open', since });
    const batchIds = new Set(events.map((e) => e.id));
    expect(open.items.filter((i) => batchIds.has(i.eventId))).toHaveLength(3);
    expect((await dl().list({ type: 'other.type' })).total).toBe(0);
    expect((await dl().list({ status: 'open' }, { limit: 1 })).items).toHaveLength(1);

    for (const s of ['batch-1', 'batch-2', 'batch-3']) behaviour.set(s, 'ok');
    const count = await dl().replayMatching(
      { group: GROUP, type: 'note.added', since },
      { actor: 'ops:dave', reason: 'bulk retry' },
    );
    expect(count).toBe(3);
    await waitFor(
      async () => (await Promise.all(['batch-1', 'batch-2', 'batch-3'].map(effects))).every((n) => n === 1),
      5000,
      'batch effects',
    );
    const actions = await ds().getRepository(DeadLetterActionEntity).findBy({ actor: 'ops:dave' });
    expect(actions).toHaveLength(count);
    expect((await dl().list({ group: GROUP, since })).items.map((i) => i.status)).toEqual([
      'replayed',
      'replayed',
      'replayed',
    ]);
    expect(await dl().replayMatching({ group: GROUP, since }, { actor: 'ops:dave', reason: 'nothing left' })).toBe(0);
  });

  it('rejects unknown ids and missing audit fields', async () => {
    await expect(dl().get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(DeadLetterNotFoundError);
    await expect(dl().get('not-a-uuid')).rejects.toBeInstanceOf(DeadLetterNotFoundError);
    await expect(dl().replay('00000000-0000-4000-8000-000000000000', { actor: 'a', reason: ' ' })).rejects.toThrow(
      /reason is required/,
    );
    await expect(dl().resolve('00000000-0000-4000-8000-000000000000', { actor: '', reason: 'r' })).rejects.toThrow(
      /actor is required/,
    );
  });

  it('stops cleanly: close() does not hang with deliveries pending', async () => {
    const db2 = await busDatabase('messaging_close');
    const other = await startMessagingApp(db2, {
      appName: 'closing-app',
      schema: 'closing_app',
      providers: [RecordingConsumer],
      consumers: [{ group: 'closing.group', types: ['note.added'], consumer: RecordingConsumer }],
      settings: { maxAttempts: 5, retryBaseMs: 5000 },
    });
    behaviour.set('pending', 'fail');
    await other.get(EventBus).publish([note('pending')]);
    await waitFor(() => callsFor('pending').length === 1, 5000, 'first attempt');
    const t0 = Date.now();
    await other.close();
    expect(Date.now() - t0).toBeLessThan(3000);
    const c = new Client({ connectionString: db2.url });
    await c.connect();
    const { rows } = await c.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    await c.end();
    expect(rows[0].n).toBe(0);
    await db2.drop();
  });
});
