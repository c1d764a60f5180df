import { CrmHarness } from './crm-test-harness';

/**
 * Under injected faults (20% 5xx after the write was applied, so the answer is lost, and 429 bursts
 * with Retry-After) every create through system-crm leaves exactly one Salesforce record: the
 * creates are external-id upserts, retried like reads.
 */
describe('system-crm: exactly one Salesforce record per create under faults', () => {
  let h: CrmHarness;

  async function call(method: string, path: string, body: unknown) {
    const res = await fetch(h.crm!.url + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }
  const fault = (spec: Record<string, unknown>) =>
    fetch(`${h.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
  const clearFaults = () => fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  const ids = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    h = await CrmHarness.start({ SALESFORCE_TIMEOUT_MS: '2000' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('20% of calls answer 500 after the write is applied: every account, opportunity and contract exists once', async () => {
    const accounts = ids('ACC-F', 25);
    const opportunities = ids('OPP-F', 25);
    const contracts = ids('CTR-F', 15);
    await fault({ status: 500, errorRate: 0.2, seed: 42, phase: 'after', pathPrefix: '/services/data' });
    try {
      for (const id of accounts) {
        const res = await call('PUT', `/system/crm/v1/accounts/${id}`, {
          name: `Fault ${id}`,
          legalEntity: 'UK-01',
          currency: 'GBP',
        });
        expect([200, 201]).toContain(res.status);
      }
      for (const [i, id] of opportunities.entries()) {
        const res = await call('PUT', `/system/crm/v1/opportunities/${id}`, {
          name: `Fault ${id}`,
          accountId: accounts[i],
          stage: 'qualification',
          closeDate: '2025-12-31',
          amount: { amountMinor: 100000 + i, currency: 'GBP' },
        });
        expect([200, 201]).toContain(res.status);
      }
      for (const [i, id] of contracts.entries()) {
        const res = await call('POST', '/system/crm/v1/contracts', {
          id,
          name: `Fault ${id}`,
          customerId: accounts[i],
          legalEntityId: 'UK-01',
          billingModel: 'fixed-fee',
          status: 'draft',
          currency: 'GBP',
          startDate: '2026-01-01',
          endDate: '2026-06-30',
          totalValue: { amountMinor: 5000000, currency: 'GBP' },
          paymentTermsDays: 30,
        });
        expect([200, 201]).toContain(res.status);
      }
    } finally {
      await clearFaults();
    }
    const count = async (object: string, prefix: string) =>
      (
        await h.sf.soql<{ External_Id__c: string }>(
          `SELECT External_Id__c FROM ${object} WHERE External_Id__c LIKE '${prefix}-%'`,
        )
      )
        .map((r) => r.External_Id__c)
        .sort();
    expect(await count('Account', 'ACC-F')).toEqual(accounts);
    expect(await count('Opportunity', 'OPP-F')).toEqual(opportunities);
    expect(await count('Contract', 'CTR-F')).toEqual(contracts);
    // Faults did happen: the sandbox answered 500s that system-crm retried.
    const metrics = await (await fetch(`${h.crm!.url}/metrics`)).text();
    expect(metrics).toMatch(/status="500"/);
  });

  it('a 429 burst with Retry-After: the upsert waits and still makes one record', async () => {
    await fault({ status: 429, retryAfterSeconds: 1, times: 3, pathPrefix: '/services/data' });
    try {
      const started = Date.now();
      const res = await call('PUT', '/system/crm/v1/accounts/ACC-F-BURST', { name: 'Burst Ltd', legalEntity: 'UK-01' });
      expect(res.status).toBe(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      await clearFaults();
    }
    expect((await h.sf.soql("SELECT Id FROM Account WHERE External_Id__c = 'ACC-F-BURST'")).length).toBe(1);
  });

  it('keeps under the rate budget: a burst of calls queues instead of failing', async () => {
    await h.startCrm({ SALESFORCE_MAX_REQUESTS_PER_SECOND: '4' });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => fetch(`${h.crm!.url}/system/crm/v1/accounts/ACC-F-BURST`).then((r) => r.status)),
    );
    expect(results).toEqual(Array(12).fill(200));
    // 12 calls (plus the login) at 4 per second with a burst of 4: at least two seconds of queueing.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });
});
