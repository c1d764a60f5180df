import { GraphileEventBus } from '@app/messaging';
import type { TestStack } from '@app/testing';
import {
  breakProvisioningStore,
  closedWon,
  crmPublisher,
  expectProblem,
  http,
  sleep,
  sql,
  startProcessApi,
  waitFor,
  wonOpportunity,
} from './process-api-test-kit';

const DL = '/process/operations/v1/dead-letters';
const ALICE = { 'X-Consumer-Id': 'ops-alice' };

/** The operations API over real HTTP against a running process-api: inspect, replay, resolve, audited. */
describe('process-api operations: dead letters (running app, real PostgreSQL)', () => {
  let stack: TestStack;
  let url: string;
  let crm: GraphileEventBus;

  beforeAll(async () => {
    stack = await startProcessApi();
    url = stack.urls['process-api'];
    crm = crmPublisher(stack.databaseUrl);
  });
  afterAll(async () => {
    await crm?.stop();
    await stack?.stop();
  });

  const provisioningsOf = async (opportunityId: string) =>
    (
      await sql(stack.databaseUrl, `select count(*)::int as n from process.provisionings where opportunity_id = $1`, [
        opportunityId,
      ])
    )[0].n as number;

  /** Publishes closed_won events while the provisioning store is down: each ends as an open dead letter. */
  async function deadLettered(count: number) {
    const outage = await breakProvisioningStore(stack.databaseUrl);
    try {
      const events = Array.from({ length: count }, () => closedWon(wonOpportunity()));
      await crm.publish(events);
      const letters = await waitFor(
        async () => {
          const res = await http(url, 'GET', `${DL}?status=open&limit=200`);
          const found = events.map((e) => res.body.items.find((d: { eventId: string }) => d.eventId === e.id));
          return found.every(Boolean) ? found : undefined;
        },
        5000,
        `${count} dead letters`,
      );
      return { events, letters };
    } finally {
      await outage.heal();
    }
  }

  it('lists and shows dead letters with their event, error and (empty) audit trail', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const { events, letters } = await deadLettered(1);
    const [event] = events;
    expect(letters[0]).toMatchObject({
      consumerGroup: 'process.project-setup',
      eventId: event.id,
      eventType: 'opportunity.closed_won',
      subject: event.subject,
      correlationId: event.correlationId,
      status: 'open',
      attempts: 2, // MESSAGING_MAX_ATTEMPTS=2 for this app
      errorMessage: expect.stringContaining('provisioning store unavailable'),
    });
    expect(letters[0]).not.toHaveProperty('errorStack');

    const filtered = await http(
      url,
      'GET',
      `${DL}?group=process.project-setup&type=opportunity.closed_won&status=open&since=${encodeURIComponent(since)}`,
    );
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.map((d: { id: string }) => d.id)).toContain(letters[0].id);
    const none = await http(url, 'GET', `${DL}?type=invoice.posted`);
    expect(none.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });

    const one = await http(url, 'GET', `${DL}/${letters[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body.event).toEqual(JSON.parse(JSON.stringify(event)));
    expect(one.body.errorStack).toEqual(expect.any(String));
    expect(one.body.actions).toEqual([]);
    expect(await provisioningsOf(event.data.opportunity.id)).toBe(0);
  });

  it('replays a dead letter once the cause is fixed: delivered once, audited; a second replay is a conflict', async () => {
    const { events, letters } = await deadLettered(1);
    const opportunityId = events[0].data.opportunity.id;

    const replayed = await http(url, 'POST', `${DL}/${letters[0].id}/replay`, {
      headers: ALICE,
      body: { reason: 'provisioning store back' },
    });
    expect(replayed.status).toBe(202);
    expect(replayed.body).toMatchObject({ id: letters[0].id, status: 'replayed' });
    expect(replayed.body.actions).toEqual([
      { action: 'replay', actor: 'ops-alice', reason: 'provisioning store back', at: expect.any(String) },
    ]);

    await waitFor(async () => (await provisioningsOf(opportunityId)) === 1, 5000, 'provisioning after replay');
    const again = await http(url, 'POST', `${DL}/${letters[0].id}/replay`, {
      headers: ALICE,
      body: { reason: 'twice?' },
    });
    expectProblem(again, 409);
    expect(again.body.detail).toMatch(/replayed/);
    await crm.redeliver('process.project-setup', [events[0]]); // a late duplicate: the inbox drops it
    await sleep(300);
    expect(await provisioningsOf(opportunityId)).toBe(1);
    const rows = await sql(
      stack.databaseUrl,
      `select actor, action, reason from process.dead_letter_actions where dead_letter_id = $1`,
      [letters[0].id],
    );
    expect(rows).toEqual([{ actor: 'ops-alice', action: 'replay', reason: 'provisioning store back' }]);
  });

  it('resolves a dead letter by hand, audited; it cannot be replayed afterwards', async () => {
    const { events, letters } = await deadLettered(1);
    const resolved = await http(url, 'POST', `${DL}/${letters[0].id}/resolve`, {
      headers: { 'X-Consumer-Id': 'ops-bob' },
      body: { reason: 'project created by hand in Kantata' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      actions: [{ action: 'resolve', actor: 'ops-bob', reason: 'project created by hand in Kantata' }],
    });
    expectProblem(
      await http(url, 'POST', `${DL}/${letters[0].id}/replay`, { headers: ALICE, body: { reason: 'x' } }),
      409,
    );
    expectProblem(
      await http(url, 'POST', `${DL}/${letters[0].id}/resolve`, { headers: ALICE, body: { reason: 'x' } }),
      409,
    );
    await sleep(200);
    expect(await provisioningsOf(events[0].data.opportunity.id)).toBe(0);
  });

  it('replays every open dead letter matching a filter', async () => {
    const since = new Date().toISOString();
    const { events } = await deadLettered(2);
    const res = await http(url, 'POST', `${DL}/replay`, {
      headers: ALICE,
      body: { filter: { type: 'opportunity.closed_won', since }, reason: 'bulk retry after outage' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ replayed: 2 });
    await waitFor(
      async () => (await Promise.all(events.map((e) => provisioningsOf(e.data.opportunity.id)))).every((n) => n === 1),
      5000,
      'both provisionings',
    );
    const audit = await sql(
      stack.databaseUrl,
      `select count(*)::int as n from process.dead_letter_actions where reason = 'bulk retry after outage'`,
    );
    expect(audit[0].n).toBe(2);
  });

  it('answers bad input with problem+json: missing actor, missing or blank reason, bad ids, bad filters', async () => {
    const { letters } = await deadLettered(1);
    const id = letters[0].id;

    const noActor = await http(url, 'POST', `${DL}/${id}/replay`, { body: { reason: 'r' } });
    expectProblem(noActor, 400);
    expect(noActor.body.errors).toEqual([expect.objectContaining({ field: 'X-Consumer-Id' })]);
    expectProblem(
      await http(url, 'POST', `${DL}/${id}/resolve`, { headers: { 'X-Consumer-Id': '  ' }, body: { reason: 'r' } }),
      400,
    );
    expectProblem(await http(url, 'POST', `${DL}/replay`, { body: { filter: {}, reason: 'r' } }), 400);

    const noReason = await http(url, 'POST', `${DL}/${id}/replay`, { headers: ALICE, body: {} });
    expectProblem(noReason, 400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const blank = await http(url, 'POST', `${DL}/${id}/resolve`, { headers: ALICE, body: { reason: '   ' } });
    expectProblem(blank, 400);
    expect(blank.body.detail).toMatch(/reason must not be blank/);
    expectProblem(
      await http(url, 'POST', `${DL}/${id}/resolve`, { headers: ALICE, body: { reason: 'r', extra: 1 } }),
      400,
    );
    expectProblem(await http(url, 'POST', `${DL}/replay`, { headers: ALICE, body: { reason: 'r' } }), 400); // filter required
    expectProblem(
      await http(url, 'POST', `${DL}/replay`, {
        headers: ALICE,
        body: { filter: { since: 'yesterday' }, reason: 'r' },
      }),
      400,
    );

    expectProblem(await http(url, 'GET', `${DL}?status=lost`), 400);
    expectProblem(await http(url, 'GET', `${DL}?since=tomorrow`), 400);
    expectProblem(await http(url, 'GET', `${DL}/not-a-uuid`), 400);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectProblem(await http(url, 'GET', `${DL}/${unknown}`), 404);
    expectProblem(await http(url, 'POST', `${DL}/${unknown}/replay`, { headers: ALICE, body: { reason: 'r' } }), 404);
    expectProblem(await http(url, 'POST', `${DL}/${unknown}/resolve`, { headers: ALICE, body: { reason: 'r' } }), 404);

    // nothing was half-done by the rejected calls
    const after = await http(url, 'GET', `${DL}/${id}`);
    expect(after.body).toMatchObject({ status: 'open', actions: [] });
  });
});
