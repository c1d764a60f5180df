import { GraphileEventBus } from '@app/messaging';
import type { TestStack } from '@app/testing';
import {
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

const BASE = '/process/project-setup/v1/provisionings';

/** process-api running on a random port: opportunity.closed_won in, one provisioning per won deal out. */
describe('process-api project setup (running app, real PostgreSQL)', () => {
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

  const byOpportunity = async (opportunityId: string) =>
    (await http(url, 'GET', `${BASE}?limit=200`)).body.items.filter(
      (p: { opportunityId: string }) => p.opportunityId === opportunityId,
    );

  it('records a provisioning for a won deal once, however often the event arrives', async () => {
    const opportunity = wonOpportunity();
    const event = closedWon(opportunity, 'corr-won-1');
    await crm.publish([event]);
    const [created] = await waitFor(
      async () => {
        const found = await byOpportunity(opportunity.id);
        return found.length ? found : undefined;
      },
      5000,
      'provisioning',
    );

    // the same event again (redelivery), and a second closed_won for the same deal
    await crm.publish([event]);
    await crm.redeliver('process.project-setup', [event]);
    await crm.publish([closedWon(opportunity, 'corr-won-2')]);
    await sleep(400);
    expect(await byOpportunity(opportunity.id)).toHaveLength(1);
    const rows = await sql(
      stack.databaseUrl,
      `select count(*)::int as n from process.provisionings where opportunity_id = $1`,
      [opportunity.id],
    );
    expect(rows[0].n).toBe(1);

    const one = await http(url, 'GET', `${BASE}/${created.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      id: created.id,
      opportunityId: opportunity.id,
      legalEntity: 'US-01',
      status: 'received',
      opportunity: {
        id: opportunity.id,
        crossReferences: opportunity.crossReferences,
        name: 'Globex ERP rollout',
        accountId: 'acc-globex',
        amount: { amountMinor: 12_500_000, currency: 'USD' },
        closeDate: '2026-03-31',
        legalEntity: 'US-01',
      },
      sourceEventId: event.id,
      correlationId: 'corr-won-1',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('serves the same provisionings in v2 shape: renamed fields, money in minor units, a legalEntity filter', async () => {
    const opportunity = wonOpportunity({ legalEntity: 'DE-01', amount: { amountMinor: 9_900_050, currency: 'EUR' } });
    await crm.publish([closedWon(opportunity, 'corr-v2')]);
    const [v1] = await waitFor(
      async () => {
        const found = await byOpportunity(opportunity.id);
        return found.length ? found : undefined;
      },
      5000,
      'provisioning',
    );
    const v2 = await http(url, 'GET', `/process/project-setup/v2/provisionings/${v1.id}`);
    expect(v2.status).toBe(200);
    expect(v2.body).toEqual({
      id: v1.id,
      dealId: opportunity.id,
      legalEntity: 'DE-01',
      status: 'received',
      deal: {
        id: opportunity.id,
        crossReferences: opportunity.crossReferences,
        name: opportunity.name,
        customerId: 'acc-globex',
        contractValue: { amountMinor: 9_900_050, currency: 'EUR' },
        closeDate: '2026-03-31',
      },
      sourceEventId: v1.sourceEventId,
      correlationId: 'corr-v2',
      createdAt: v1.receivedAt,
      updatedAt: v1.updatedAt,
    });
    const de = await http(url, 'GET', '/process/project-setup/v2/provisionings?legalEntity=DE-01&limit=200');
    expect(de.status).toBe(200);
    expect(de.body.items.map((p: { dealId: string }) => p.dealId)).toContain(opportunity.id);
    expect(new Set(de.body.items.map((p: { legalEntity: string }) => p.legalEntity))).toEqual(new Set(['DE-01']));
    const bad = await http(url, 'GET', '/process/project-setup/v2/provisionings?legalEntity=germany');
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['legalEntity']);
  });

  it('lists with a status filter and paging', async () => {
    const a = wonOpportunity();
    const b = wonOpportunity();
    await crm.publish([closedWon(a), closedWon(b)]);
    await waitFor(
      async () => (await byOpportunity(a.id)).length + (await byOpportunity(b.id)).length === 2,
      5000,
      'two provisionings',
    );
    const all = await http(url, 'GET', `${BASE}?status=received`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    expect(all.body.items.every((p: { status: string }) => p.status === 'received')).toBe(true);
    const page = await http(url, 'GET', `${BASE}?limit=1&offset=1`);
    expect(page.body).toMatchObject({ limit: 1, offset: 1, total: all.body.total });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].id).toBe(all.body.items[1].id);
  });

  it('dead-letters a closed_won whose opportunity breaks the contract, at once', async () => {
    const bad = closedWon(wonOpportunity({ name: '' }));
    await crm.publish([bad]);
    const letter = await waitFor(
      async () => {
        const res = await http(
          url,
          'GET',
          `/process/operations/v1/dead-letters?type=opportunity.closed_won&status=open`,
        );
        return res.body.items.find((d: { eventId: string }) => d.eventId === bad.id);
      },
      5000,
      'dead letter',
    );
    expect(letter).toMatchObject({ consumerGroup: 'process.project-setup', attempts: 1, status: 'open' });
    expect(letter.errorMessage).toMatch(/invalid opportunity: name/);
  });

  it('reports the bus and the outbox in /health/dependencies and counts deliveries in /metrics', async () => {
    const deps = await http(url, 'GET', '/health/dependencies');
    expect(deps.status).toBe(200);
    const byName = Object.fromEntries(deps.body.dependencies.map((d: { name: string }) => [d.name, d]));
    expect(byName['event-bus']).toMatchObject({
      status: 'up',
      detail: expect.stringContaining('consuming for process.project-setup'),
    });
    expect(byName['outbox']).toMatchObject({ status: 'up', detail: 'nothing pending' });
    const metrics = await fetch(`${url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(
      /messaging_deliveries_total\{[^}]*group="process.project-setup"[^}]*outcome="handled"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/messaging_deliveries_total\{[^}]*outcome="duplicate"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/messaging_outbox_pending\{[^}]*\} 0/);
  });

  it('answers bad input with problem+json', async () => {
    expectProblem(await http(url, 'GET', `${BASE}?status=bogus`), 400);
    expectProblem(await http(url, 'GET', `${BASE}?limit=0`), 400);
    expectProblem(await http(url, 'GET', `${BASE}?colour=red`), 400);
    const malformed = await http(url, 'GET', `${BASE}/not-a-uuid`);
    expectProblem(malformed, 400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    const missing = await http(url, 'GET', `${BASE}/00000000-0000-4000-8000-000000000000`);
    expectProblem(missing, 404);
    expect(missing.body.detail).toContain('00000000-0000-4000-8000-000000000000');
  });
});
