/**
 * Billing intake on process-api and a real PostgreSQL, events on the real bus (a publisher playing
 * system-psa): approved time, expenses and milestones become billable items, once per event and per
 * content; an approval with other content is a correction (a reversal and a revision), never a silent
 * change; an event that breaks its contract is a dead letter.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventTypes } from '@app/contracts';
import { GraphileEventBus, newEvent } from '@app/messaging';
import type { TestStack } from '@app/testing';
import { crmPublisher, startProcessApi } from './process-api-test-kit';

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const timeEntry = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  crossReferences: { kantata: id.replace(/\D/g, '') || '1' },
  workerId: 'W00001',
  projectId: 'PRJ-9001',
  date: '2025-06-10',
  minutes: 90,
  billable: true,
  status: 'approved',
  approvedAt: '2025-06-11T09:00:00Z',
  ...over,
});

describe('billing intake (time.approved, expense.approved, milestone.completed)', () => {
  let stack: TestStack;
  let bus: GraphileEventBus;
  let pg: Client;

  const sql = async <T = any>(q: string, params: unknown[] = []): Promise<T[]> =>
    (await pg.query(q, params)).rows as T[];
  const itemsOf = (sourceId: string) =>
    sql(
      `select version, change, minutes, amount_minor, status, work_date::text as work_date, reverses_item_id, id
         from process.billable_items where source_id = $1 order by version`,
      [sourceId],
    );
  const inboxed = async (eventId: string) =>
    (await sql(`select 1 from process.inbox where event_id = $1 and consumer = 'process.billing.intake'`, [eventId]))
      .length > 0 || undefined;
  const publish = async (type: string, subject: string, data: unknown) => {
    const event = newEvent(type, subject, data, { source: 'system-psa' });
    await bus.publish([event]);
    return event;
  };

  beforeAll(async () => {
    stack = await startProcessApi();
    bus = crmPublisher(stack.databaseUrl);
    pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
  }, 60_000);

  afterAll(async () => {
    await bus?.stop();
    await pg?.end();
    await stack?.stop();
  });

  it('records an approved time entry once, with its source references, whatever the redeliveries', async () => {
    const id = `kantata-time-entry-${randomUUID()}`;
    const data = { timeEntry: timeEntry(id), approvedAt: '2025-06-11T09:00:00Z', approvedBy: 'W00002' };
    const first = await publish(EventTypes.TimeApproved, `time-entry/${id}`, data);
    await waitFor(() => inboxed(first.id), 15_000, 'the first approval');
    // The same content approved again (re-approval after a withdrawal the PSA does not announce): no change.
    const again = await publish(EventTypes.TimeApproved, `time-entry/${id}`, data);
    await waitFor(() => inboxed(again.id), 15_000, 'the second approval');
    const rows = await sql(
      `select kind, version, change, project_id, worker_id, minutes, approved_by, approved_at, source_event_id, status
         from process.billable_items where source_id = $1`,
      [id],
    );
    expect(rows).toEqual([
      {
        kind: 'time',
        version: 1,
        change: 'original',
        project_id: 'PRJ-9001',
        worker_id: 'W00001',
        minutes: 90,
        approved_by: 'W00002',
        approved_at: new Date('2025-06-11T09:00:00Z'),
        source_event_id: first.id,
        status: 'open',
      },
    ]);
  });

  it('an entry approved again with other minutes: a reversal of the old version and a revision, nothing overwritten', async () => {
    const id = `kantata-time-entry-${randomUUID()}`;
    const first = await publish(EventTypes.TimeApproved, `time-entry/${id}`, {
      timeEntry: timeEntry(id),
      approvedAt: '2025-06-11T09:00:00Z',
    });
    await waitFor(() => inboxed(first.id), 15_000, 'the approval');
    const [original] = await itemsOf(id);
    const edited = await publish(EventTypes.TimeApproved, `time-entry/${id}`, {
      timeEntry: timeEntry(id, { minutes: 120 }),
      approvedAt: '2025-06-12T09:00:00Z',
    });
    await waitFor(() => inboxed(edited.id), 15_000, 'the edit');
    const rows = await itemsOf(id);
    expect(rows.map((r) => [r.version, r.change, r.minutes, r.status])).toEqual([
      [1, 'original', 90, 'superseded'], // never billed: cancelled before billing
      [2, 'reversal', -90, 'superseded'],
      [3, 'revision', 120, 'open'],
    ]);
    expect(rows[0].id).toBe(original.id);
    expect(rows[1].reverses_item_id).toBe(original.id);
    expect(rows[2].reverses_item_id).toBe(original.id);
  });

  it('a correction of a billed version leaves the reversal open for the next run (an adjustment)', async () => {
    const id = `kantata-time-entry-${randomUUID()}`;
    const first = await publish(EventTypes.TimeApproved, `time-entry/${id}`, {
      timeEntry: timeEntry(id),
      approvedAt: '2025-06-11T09:00:00Z',
    });
    await waitFor(() => inboxed(first.id), 15_000, 'the approval');
    await sql(`update process.billable_items set status = 'assigned' where source_id = $1`, [id]); // as a run does
    const edited = await publish(EventTypes.TimeApproved, `time-entry/${id}`, {
      timeEntry: timeEntry(id, { date: '2025-06-09' }),
      approvedAt: '2025-06-12T09:00:00Z',
    });
    await waitFor(() => inboxed(edited.id), 15_000, 'the edit');
    expect((await itemsOf(id)).map((r) => [r.version, r.change, r.minutes, r.work_date, r.status])).toEqual([
      [1, 'original', 90, '2025-06-10', 'assigned'],
      [2, 'reversal', -90, '2025-06-10', 'open'],
      [3, 'revision', 90, '2025-06-09', 'open'],
    ]);
  });

  it('records approved expenses and completed milestones with their amounts', async () => {
    const expenseId = `kantata-expense-${randomUUID()}`;
    const expense = await publish(EventTypes.ExpenseApproved, `expense/${expenseId}`, {
      expense: {
        id: expenseId,
        crossReferences: { kantata: '600001' },
        workerId: 'W00001',
        projectId: 'PRJ-9001',
        date: '2025-06-10',
        category: 'travel',
        amount: { amountMinor: 48250, currency: 'EUR' },
        billable: true,
        reimbursable: true,
        status: 'approved',
        approvedAt: '2025-06-11T09:00:00Z',
      },
      approvedAt: '2025-06-11T09:00:00Z',
    });
    const milestoneId = `MS-${randomUUID()}`;
    const milestone = await publish(EventTypes.MilestoneCompleted, `milestone/${milestoneId}`, {
      milestone: {
        id: milestoneId,
        crossReferences: { kantata: '700001' },
        projectId: 'PRJ-9001',
        contractId: 'CTR-9001',
        name: 'Go-live',
        amount: { amountMinor: 1_500_000, currency: 'EUR' },
        status: 'completed',
        completedAt: '2025-06-20T15:00:00Z',
      },
      completedAt: '2025-06-20T15:00:00Z',
    });
    await waitFor(() => inboxed(expense.id), 15_000, 'the expense');
    await waitFor(() => inboxed(milestone.id), 15_000, 'the milestone');
    expect(
      await sql(
        `select kind, amount_minor, currency, contract_id, work_date::text as d from process.billable_items
                  where source_id = any($1) order by kind`,
        [[expenseId, milestoneId]],
      ),
    ).toEqual([
      { kind: 'expense', amount_minor: '48250', currency: 'EUR', contract_id: null, d: '2025-06-10' },
      { kind: 'milestone', amount_minor: '1500000', currency: 'EUR', contract_id: 'CTR-9001', d: '2025-06-20' },
    ]);
  });

  it('an event that breaks its contract is a dead letter, no item', async () => {
    const id = `kantata-time-entry-${randomUUID()}`;
    const bad = await publish(EventTypes.TimeApproved, `time-entry/${id}`, {
      timeEntry: timeEntry(id, { minutes: 0 }),
      approvedAt: '2025-06-11T09:00:00Z',
    });
    await waitFor(
      async () =>
        (
          await sql(
            `select 1 from process.dead_letters where event_id = $1 and consumer_group = 'process.billing.intake'`,
            [bad.id],
          )
        ).length > 0 || undefined,
      15_000,
      'the dead letter',
    );
    expect(await itemsOf(id)).toEqual([]);
  });
});
