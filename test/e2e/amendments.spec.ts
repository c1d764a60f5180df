/**
 * Contract amendments end to end, over real HTTP on a real PostgreSQL behind the gateway's internal
 * token: a won deal is provisioned (Salesforce -> system-crm -> process-api -> Kantata, NetSuite,
 * Stripe), then amended through `/process/project-setup/v2|v1/projects/{code}/amendments`: the PSA
 * shows the new budget, end date, milestone and the rate-card version with its effective date, the ERP
 * the new end date and budget, the billing schedule the new milestone (a changed one supersedes its
 * item, kept as history); ContractPricing prices work the day before the effective date at the old
 * rate and from it at the new one. Bad input answers problems naming each field.
 */
import { startTestStack, TestStack } from '@app/testing';
import { DataSource } from 'typeorm';
import { BillingScheduleItemEntity } from '../../apps/process-api/src/project-setup/billing-schedule.entity';
import { ContractPricing } from '../../apps/process-api/src/project-setup/amendments';

const DEMO_KEY = 'amendments-e2e-demo-key-0123456789';
const SF = 'sandbox-salesforce';
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

interface Amendment {
  id: string;
  status: string;
  sequence: number;
  projectCode: string;
  effectiveDate: string;
  steps: Array<{ name: string; status: string; vendorIds?: Record<string, string>; error?: string }>;
  rateCardVersion?: { rateCardId: string | null; versionId: string | null; effectiveFrom: string };
}

interface RateCard {
  id: string;
  currency: string;
  versions: Array<{
    id: string;
    effectiveFrom: string;
    effectiveTo?: string;
    billRates: Array<{ role: string; hourlyRate: { amountMinor: number; currency: string } }>;
  }>;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('contract amendments: effective-dated changes to PSA, ERP and billing; repricing after the effective date', () => {
  let stack: TestStack;
  let code: string;
  let projectId: string;

  const gw = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${stack.urls.gateway}${path}`, {
      ...init,
      headers: {
        'X-API-Key': DEMO_KEY,
        'content-type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  };
  const amend = (body: unknown, version = 'v2', projectCode = code) =>
    gw(`/process/project-setup/${version}/projects/${projectCode}/amendments`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  const applied = (id: string) =>
    waitFor(
      async () => {
        const one = await gw(`/process/project-setup/v2/projects/${code}/amendments/${id}`);
        return ['applied', 'exception'].includes(one.body?.status) ? (one.body as Amendment) : undefined;
      },
      30_000,
      `amendment ${id}`,
    );
  const schedule = () =>
    stack
      .get('process-api')
      .app!.get(DataSource)
      .getRepository(BillingScheduleItemEntity)
      .find({ where: { projectId }, order: { sequence: 'ASC' } });
  const usdCard = async (): Promise<RateCard> =>
    ((await gw('/system/psa/v1/rate-cards')).body.items as RateCard[]).find((c) => c.currency === 'USD')!;

  beforeAll(async () => {
    stack = await startTestStack({
      apps: [
        SF,
        'sandbox-kantata',
        'sandbox-netsuite',
        'sandbox-stripe',
        'system-crm',
        'system-psa',
        'system-erp',
        'system-billing',
        'process-api',
        'gateway',
      ],
      env: {
        DEMO_API_KEY: DEMO_KEY,
        INTERNAL_AUTH: 'required',
        ERP_VENDOR: 'netsuite',
        CRM_POLL_INTERVAL_MS: '200',
        MESSAGING_RETRY_BASE_MS: '50',
        PROVISIONING_POLL_INTERVAL_MS: '100',
        PROVISIONING_RETRY_MS: '500',
        AMENDMENT_POLL_INTERVAL_MS: '100',
        AMENDMENT_RETRY_MS: '500',
        // circuits half-open quickly: the retry after a lifted vendor fault goes through within the test
        HTTP_CLIENT_HALF_OPEN_AFTER_MS: '300',
      },
    });
    // a won time-and-materials deal (US-01, USD, 2026-04-01 .. 2026-09-30), provisioned everywhere
    const tokenRes = await fetch(`${stack.urls[SF]}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    const sf = (await tokenRes.json()) as { access_token: string; instance_url: string };
    const base = `${sf.instance_url}/services/data/v60.0`;
    const auth = { Authorization: `Bearer ${sf.access_token}` };
    const q = encodeURIComponent(
      "SELECT Id FROM Opportunity WHERE IsClosed = false AND Legal_Entity__c = 'US-01' ORDER BY External_Id__c LIMIT 1",
    );
    const [target] = (
      (await (await fetch(`${base}/query?q=${q}`, { headers: auth })).json()) as {
        records: Array<{ Id: string }>;
      }
    ).records;
    const won = await fetch(`${base}/sobjects/Opportunity/${target.Id}`, {
      method: 'PATCH',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        StageName: 'Closed Won',
        Billing_Model__c: 'Time_and_Materials',
        Rate_Card__c: 'RC-US-STD-2025',
        Tax_Profile__c: 'US-SERVICES',
        Start_Date__c: '2026-04-01',
        End_Date__c: '2026-09-30',
      }),
    });
    expect(won.status).toBe(204);
    const p = await waitFor(
      async () => {
        const list = await gw('/process/project-setup/v2/provisionings?limit=200');
        const found = (
          list.body.items as Array<{
            status: string;
            projectCode?: string;
            projectId?: string;
            deal?: { crossReferences?: Record<string, string> };
          }>
        ).find((x) => x.deal?.crossReferences?.salesforce === target.Id);
        return found && ['provisioned', 'exception', 'failed'].includes(found.status) ? found : undefined;
      },
      60_000,
      'the provisioning',
    );
    expect(p.status).toBe('provisioned');
    code = p.projectCode!;
    projectId = p.projectId!;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  let role: string;
  let oldRate: number;
  let addedMilestoneId: string;

  it('propagates an amendment to the PSA, the ERP and the billing schedule with its effective date, once', async () => {
    const card = await usdCard();
    const before = card.versions.find(
      (v) => v.effectiveFrom <= '2026-06-14' && (!v.effectiveTo || v.effectiveTo > '2026-06-14'),
    )!;
    role = before.billRates[0].role;
    oldRate = before.billRates[0].hourlyRate.amountMinor;
    const body = {
      effectiveDate: '2026-06-15',
      reason: 'CO-001: phase 2, new rates',
      changes: {
        rateCard: { rates: [{ role, hourlyRate: { amountMinor: oldRate + 1_234, currency: 'USD' } }] },
        budget: { amountMinor: 9_876_543, currency: 'USD' },
        endDate: '2026-12-31',
        milestones: [
          { name: 'Phase 2 acceptance', amount: { amountMinor: 2_500_000, currency: 'USD' }, dueDate: '2026-11-30' },
        ],
      },
    };
    const created = await amend(body);
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      projectCode: code,
      projectId,
      sequence: 1,
      effectiveDate: '2026-06-15',
      status: 'pending',
    });
    // the same content for the same project and date is the same amendment, never a second one
    const again = await amend(body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);

    const a = await applied(created.body.id);
    expect(a.status).toBe('applied');
    expect(a.steps.map((s) => [s.name, s.status])).toEqual([
      ['psa-project', 'done'],
      ['psa-milestones', 'done'],
      ['psa-rate-card', 'done'],
      ['erp-project', 'done'],
      ['billing-schedule', 'done'],
    ]);

    // PSA (read back from the Kantata sandbox through system-psa): budget, end date, milestone, rate-card version
    const psa = await gw(`/system/psa/v1/projects/${projectId}`);
    expect(psa.body).toMatchObject({ budget: { amountMinor: 9_876_543, currency: 'USD' }, endDate: '2026-12-31' });
    const milestones = (await gw(`/system/psa/v1/projects/${projectId}/milestones`)).body.items as Array<
      Record<string, unknown>
    >;
    const added = milestones.find((m) => m.name === 'Phase 2 acceptance');
    expect(added).toMatchObject({ amount: { amountMinor: 2_500_000, currency: 'USD' }, dueDate: '2026-11-30' });
    addedMilestoneId = String(added!.id);
    const after = await usdCard();
    const version = after.versions.find((v) => v.effectiveFrom === '2026-06-15')!;
    expect(version.id).toBe(a.rateCardVersion!.versionId);
    expect(version.billRates.find((r) => r.role === role)!.hourlyRate).toEqual({
      amountMinor: oldRate + 1_234,
      currency: 'USD',
    });
    // the version before it now ends where the new one starts (exclusive: closed the day before)
    expect(after.versions.find((v) => v.id === before.id)!.effectiveTo).toBe('2026-06-15');

    // ERP (NetSuite sandbox through system-erp): projected end date and estimated revenue
    const erp = await gw(`/system/erp/v1/projects/${projectId}`);
    expect(erp.body).toMatchObject({ endDate: '2026-12-31', budget: { amountMinor: 9_876_543, currency: 'USD' } });

    // billing schedule: the new milestone, scheduled
    expect((await schedule()).map((i) => [i.kind, i.description, i.amountMinor, i.dueDate, i.status])).toEqual([
      ['milestone', 'Phase 2 acceptance', 2_500_000, '2026-11-30', 'scheduled'],
    ]);
  });

  it('prices work the day before the effective date at the old rate and from it at the new one', async () => {
    const pricing = stack.get('process-api').app!.get(ContractPricing);
    const dayBefore = await pricing.rateOn(projectId, role, '2026-06-14');
    expect(dayBefore).toMatchObject({ hourlyRate: { amountMinor: oldRate, currency: 'USD' }, amendmentId: null });
    const onTheDay = await pricing.rateOn(projectId, role, '2026-06-15');
    expect(onTheDay).toMatchObject({
      hourlyRate: { amountMinor: oldRate + 1_234, currency: 'USD' },
      effectiveFrom: '2026-06-15',
    });
    expect(onTheDay!.amendmentId).toEqual(expect.any(String));
    expect((await pricing.rateOn(code, role, '2026-09-30'))!.hourlyRate.amountMinor).toBe(oldRate + 1_234);
    const book = (await pricing.priceBook(projectId))!;
    expect(book.rateOn(role, '2026-05-01')!.hourlyRate.amountMinor).toBe(oldRate);
    expect(book.rateOn('no-such-role', '2026-07-01')).toBeNull();
  });

  it('changes the added milestone through the v1 path: the old schedule item is kept as superseded', async () => {
    const res = await amend(
      {
        effectiveDate: '2026-07-01',
        reason: 'CO-002: phase 2 moved',
        changes: {
          milestones: [
            {
              id: addedMilestoneId,
              name: 'Phase 2 acceptance (revised)',
              amount: { amountMinor: 3_000_000, currency: 'USD' },
              dueDate: '2026-12-15',
            },
          ],
        },
      },
      'v1',
    );
    expect(res.status).toBe(202);
    const a = await applied(res.body.id);
    expect(a).toMatchObject({ status: 'applied', sequence: 2 });
    expect((await schedule()).map((i) => [i.description, i.amountMinor, i.status])).toEqual([
      ['Phase 2 acceptance', 2_500_000, 'superseded'],
      ['Phase 2 acceptance (revised)', 3_000_000, 'scheduled'],
    ]);
    const milestone = (
      (await gw(`/system/psa/v1/projects/${projectId}/milestones`)).body.items as Array<Record<string, unknown>>
    ).find((m) => m.id === addedMilestoneId);
    expect(milestone).toMatchObject({
      name: 'Phase 2 acceptance (revised)',
      amount: { amountMinor: 3_000_000, currency: 'USD' },
      dueDate: '2026-12-15',
    });
    const history = await gw(`/process/project-setup/v2/projects/${code}/amendments`);
    expect(history.body.total).toBe(2);
    expect((history.body.items as Amendment[]).map((x) => [x.sequence, x.effectiveDate])).toEqual([
      [1, '2026-06-15'],
      [2, '2026-07-01'],
    ]);
  });

  it('answers bad input with problems naming each field, and creates nothing', async () => {
    const problem = (res: { status: number; type: string; body: { errors?: Array<{ field: string }> } }) => ({
      status: res.status,
      problemJson: res.type.includes('application/problem+json'),
      fields: (res.body.errors ?? []).map((e) => e.field).sort(),
    });
    expect(
      problem(
        await amend(
          { effectiveDate: '2026-08-01', reason: 'x', changes: { endDate: '2026-12-31' } },
          'v2',
          'NO-SUCH-CODE',
        ),
      ),
    ).toMatchObject({
      status: 404,
      problemJson: true,
    });
    // shape errors (400): a malformed date, no reason (the gateway checks the contract's schema)
    const shape = problem(await amend({ effectiveDate: '2026-13-01', changes: { endDate: '2026-12-31' } }));
    expect(shape).toMatchObject({ status: 400, problemJson: true });
    expect(shape.fields).toEqual(expect.arrayContaining(['effectiveDate', 'reason']));
    // negative money (400, from the app's validation)
    const negative = problem(
      await amend({
        effectiveDate: '2026-08-01',
        reason: 'CO-neg',
        changes: { budget: { amountMinor: -5, currency: 'USD' } },
      }),
    );
    expect(negative).toMatchObject({ status: 400, problemJson: true });
    expect(negative.fields.some((f) => f.startsWith('changes.budget'))).toBe(true);
    // business rules (422): each one named
    const rules = problem(
      await amend({
        effectiveDate: '2026-06-30',
        reason: 'CO-bad',
        changes: {
          budget: { amountMinor: 100, currency: 'EUR' },
          endDate: '2026-03-01',
          rateCard: { rates: [{ role: 'astronaut', hourlyRate: { amountMinor: 1, currency: 'USD' } }] },
          milestones: [
            {
              id: 'not-a-milestone-of-this-project',
              name: 'X',
              amount: { amountMinor: 1, currency: 'USD' },
              dueDate: '2026-02-01',
            },
          ],
        },
      }),
    );
    expect(rules.status).toBe(422);
    expect(rules.fields).toEqual(
      expect.arrayContaining([
        'effectiveDate', // after the new end date, and before the earlier amendment's 2026-07-01
        'changes.endDate',
        'changes.budget.currency',
        'changes.rateCard.rates[0].role',
        'changes.milestones[0].id',
      ]),
    );
    expect(problem(await amend({ effectiveDate: '2026-08-01', reason: 'nothing', changes: {} }))).toMatchObject({
      status: 422,
      fields: ['changes'],
    });
    expect(
      problem(
        await amend({
          effectiveDate: '2027-03-01',
          reason: 'after the end',
          changes: { budget: { amountMinor: 1, currency: 'USD' } },
        }),
      ),
    ).toMatchObject({
      status: 422,
      fields: ['effectiveDate'],
    });
    expect((await gw(`/process/project-setup/v2/projects/${code}/amendments`)).body.total).toBe(2);
  });

  it('never changes a milestone already billed', async () => {
    const db = stack.get('process-api').app!.get(DataSource).getRepository(BillingScheduleItemEntity);
    const current = (await schedule()).find((i) => i.status === 'scheduled')!;
    await db.update({ id: current.id }, { status: 'invoiced' });
    const res = await amend({
      effectiveDate: '2026-08-01',
      reason: 'CO-003',
      changes: {
        milestones: [
          {
            id: addedMilestoneId,
            name: 'late change',
            amount: { amountMinor: 1, currency: 'USD' },
            dueDate: '2026-12-20',
          },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'changes.milestones[0].id',
        message: expect.stringMatching(/already invoiced/),
      }),
    ]);
    expect((await schedule()).filter((i) => i.status === 'scheduled')).toHaveLength(0);
  });

  const kantataFault = async (fault: unknown) => {
    const url = `${stack.urls['sandbox-kantata']}/__sandbox/faults`;
    const res = fault
      ? await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(fault),
        })
      : await fetch(url, { method: 'DELETE' });
    expect(res.status).toBeLessThan(300);
    return res;
  };
  const row = (id: string) =>
    gw(`/process/project-setup/v2/projects/${code}/amendments/${id}`).then(
      (r) => r.body as Amendment & { lastError?: string },
    );

  it('retries a technical failure of a system until it passes, applying the change once', async () => {
    // every workspace update fails with 503 until the fault is lifted
    expect(
      (await kantataFault({ status: 503, times: 100_000, pathPrefix: '/api/v1/workspaces', method: 'PUT' })).status,
    ).toBeLessThan(300);
    try {
      const res = await amend({ effectiveDate: '2026-08-01', reason: 'CO-004', changes: { budget: usd(7_000_001) } });
      expect(res.status).toBe(202);
      const failing = await waitFor(
        async () => {
          const a = await row(res.body.id);
          return a.lastError ? a : undefined;
        },
        30_000,
        'a technical failure',
      );
      expect(failing.status).toBe('in-progress'); // kept for a retry, not an exception
      await kantataFault(null);
      const done = await applied(res.body.id);
      expect(done).toMatchObject({ status: 'applied' });
      expect((await gw(`/system/psa/v1/projects/${projectId}`)).body.budget).toEqual(usd(7_000_001));
    } finally {
      await kantataFault(null);
    }
  });

  it('turns a refusal into an amendment-failed exception; retry after the fix applies it', async () => {
    await kantataFault({ status: 422, times: 100_000, pathPrefix: '/api/v1/workspaces', method: 'PUT' });
    let id: string;
    try {
      const res = await amend({ effectiveDate: '2026-08-15', reason: 'CO-005', changes: { budget: usd(7_000_002) } });
      expect(res.status).toBe(202);
      id = res.body.id;
      const a = await applied(id);
      expect(a.status).toBe('exception');
      expect(a.steps.find((s) => s.name === 'psa-project')).toMatchObject({ status: 'failed' });
    } finally {
      await kantataFault(null);
    }
    const ex = await gw(`/process/operations/v1/exceptions?businessKey=${encodeURIComponent(`amendment/${id}`)}`);
    expect(ex.body.items).toHaveLength(1);
    expect(ex.body.items[0]).toMatchObject({
      kind: 'amendment-failed',
      status: 'open',
      owningTeam: 'finance-operations',
    });
    const retried = await gw(`/process/operations/v1/exceptions/${ex.body.items[0].id}/retry`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Kantata fixed' }),
    });
    expect(retried.status).toBeLessThan(300);
    const done = await applied(id);
    expect(done.status).toBe('applied');
    expect((await gw(`/system/psa/v1/projects/${projectId}`)).body.budget).toEqual(usd(7_000_002));
  });

  it('records concurrent identical requests as one amendment', async () => {
    const body = { effectiveDate: '2026-09-01', reason: 'CO-006', changes: { budget: usd(7_000_003) } };
    const results = await Promise.all(Array.from({ length: 4 }, () => amend(body)));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 202]);
    expect((await applied(results[0].body.id)).status).toBe('applied');
    const history = (await gw(`/process/project-setup/v2/projects/${code}/amendments`)).body.items as Amendment[];
    expect(history.filter((a) => a.effectiveDate === '2026-09-01')).toHaveLength(1);
  });
});
