import type { TestStack } from '@app/testing';
import { ExceptionsService } from '../../apps/process-api/src/exceptions/exceptions.service';
import { expectProblem, http, sql, startProcessApi } from './process-api-test-kit';

const EX = '/process/operations/v1/exceptions';

/** Business exceptions: raised idempotently by the workflows, listed and acted on over real HTTP, audited. */
describe('process-api business exceptions (running app, real PostgreSQL)', () => {
  let stack: TestStack;
  let url: string;
  let service: ExceptionsService;
  const retried: string[] = [];

  beforeAll(async () => {
    stack = await startProcessApi();
    url = stack.urls['process-api'];
    service = stack.get('process-api').app!.get(ExceptionsService);
    service.registerRetryHandler('test-retryable', async (e) => void retried.push(e.businessKey));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const raise = (over: Partial<Parameters<ExceptionsService['raise']>[0]> = {}) =>
    service.raise({
      kind: 'provisioning-invalid-opportunity',
      owningTeam: 'finance-operations',
      businessKey: 'opportunity/opp-1',
      legalEntity: 'US-01',
      moneyAtStake: { amountMinor: 1_250_000, currency: 'USD' },
      reasons: ['tax profile missing', 'billing currency EUR disagrees with legal entity US-01 (USD)'],
      source: 'project-setup',
      ...over,
    });

  it('raises once per kind and business key while open: raising again updates the same exception', async () => {
    const first = await raise();
    const again = await raise({ reasons: ['tax profile missing'] });
    expect(again.id).toBe(first.id);
    expect(again.occurrences).toBe(2);
    expect(again.reasons).toEqual(['tax profile missing']);
    const rows = await sql(
      stack.databaseUrl,
      `select count(*)::int as n from process.business_exceptions where business_key = 'opportunity/opp-1'`,
    );
    expect(rows[0].n).toBe(1);

    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () => raise({ businessKey: 'opportunity/opp-concurrent' })),
    );
    expect(new Set(concurrent.map((e) => e.id)).size).toBe(1);
  });

  it('lists and filters them; one carries kind, team, key, money, reasons and its audit trail', async () => {
    await raise({
      businessKey: 'worker/w-9',
      kind: 'worker-inactive-but-assigned',
      owningTeam: 'resource-management',
      legalEntity: 'UK-01',
      moneyAtStake: null,
    });
    const all = await http(url, 'GET', `${EX}?status=open`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const rm = await http(url, 'GET', `${EX}?owningTeam=resource-management&legalEntity=UK-01`);
    expect(rm.body.items).toHaveLength(1);
    expect(rm.body.items[0]).toMatchObject({ businessKey: 'worker/w-9', moneyAtStake: null, legalEntity: 'UK-01' });

    const byKey = await http(url, 'GET', `${EX}?businessKey=${encodeURIComponent('opportunity/opp-1')}`);
    const one = await http(url, 'GET', `${EX}/${byKey.body.items[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      kind: 'provisioning-invalid-opportunity',
      owningTeam: 'finance-operations',
      businessKey: 'opportunity/opp-1',
      legalEntity: 'US-01',
      moneyAtStake: { amountMinor: 1_250_000, currency: 'USD' },
      reasons: ['tax profile missing'],
      status: 'open',
      source: 'project-setup',
    });
    expect(one.body.actions.map((a: { action: string }) => a.action)).toEqual(['raised', 'raised']);
  });

  it('resolves and ignores with a reason, audited with the actor; a closed one answers 409 to a second action', async () => {
    const a = await raise({ businessKey: 'opportunity/opp-resolve' });
    const resolved = await http(url, 'POST', `${EX}/${a.id}/resolve`, { body: { reason: 'fixed in the CRM' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.closedAt).toEqual(expect.any(String));
    expect(resolved.body.actions.at(-1)).toMatchObject({
      action: 'resolve',
      actor: 'local',
      reason: 'fixed in the CRM',
    });
    expectProblem(await http(url, 'POST', `${EX}/${a.id}/ignore`, { body: { reason: 'late' } }), 409);

    // closed: the same kind and key opens a new exception
    const reopened = await raise({ businessKey: 'opportunity/opp-resolve' });
    expect(reopened.id).not.toBe(a.id);

    const b = await raise({ businessKey: 'opportunity/opp-ignore' });
    const ignored = await http(url, 'POST', `${EX}/${b.id}/ignore`, { body: { reason: 'deal cancelled' } });
    expect(ignored.body).toMatchObject({ status: 'ignored' });
  });

  it('retry-after-fix closes it and runs the workflow again; kinds without a retry are 409', async () => {
    const r = await raise({ kind: 'test-retryable', businessKey: 'thing/1' });
    const res = await http(url, 'POST', `${EX}/${r.id}/retry`, { body: { reason: 'data fixed' } });
    expect(res.status).toBe(200);
    expect(res.body.actions.at(-1)).toMatchObject({ action: 'retry-after-fix', reason: 'data fixed' });
    expect(retried).toEqual(['thing/1']);
    const n = await raise({ businessKey: 'opportunity/no-retry', kind: 'no-handler' });
    expectProblem(await http(url, 'POST', `${EX}/${n.id}/retry`, { body: { reason: 'x' } }), 409);
  });

  it('answers bad input with problems naming it', async () => {
    expectProblem(await http(url, 'GET', `${EX}?status=maybe`), 400);
    expectProblem(await http(url, 'GET', `${EX}?owningTeam=sales`), 400);
    expectProblem(await http(url, 'GET', `${EX}/not-a-uuid`), 400);
    expectProblem(await http(url, 'GET', `${EX}/00000000-0000-4000-8000-000000000000`), 404);
    const any = (await http(url, 'GET', `${EX}?status=open&limit=1`)).body.items[0];
    const blank = await http(url, 'POST', `${EX}/${any.id}/resolve`, { body: { reason: '  ' } });
    expectProblem(blank, 400);
    expect(JSON.stringify(blank.body)).toMatch(/reason/);
  });
});
