import type { AccountDto, AccountListDto, OpportunityDto, OpportunityListDto } from '@app/contracts';
import { CrmHarness } from './crm-test-harness';

/** system-crm's API against the real Salesforce sandbox over HTTP (both on random ports). */
describe('system-crm against the Salesforce sandbox', () => {
  let h: CrmHarness;

  async function get(path: string) {
    const res = await fetch(h.crm!.url + path);
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: (await res.json()) as Record<string, unknown>,
    };
  }

  async function sandboxUsage(): Promise<number> {
    const res = await fetch(`${h.sandbox.url}/__sandbox/state`);
    return ((await res.json()) as { apiUsage: { used: number } }).apiUsage.used;
  }

  beforeAll(async () => {
    h = await CrmHarness.start({
      SALESFORCE_QUERY_BATCH_SIZE: '200',
      SALESFORCE_TIMEOUT_MS: '800',
      SALESFORCE_RETRIES: '3',
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('lists closed-won opportunities in the canonical model, following nextRecordsUrl through every batch', async () => {
    const seededWins = (await h.sf.soql('SELECT Id FROM Opportunity WHERE IsWon = true')).length;
    const records = Array.from({ length: 450 }, (_, i) => ({
      attributes: { type: 'Opportunity' },
      Name: `Bulk win ${i}`,
      StageName: 'Closed Won',
      CloseDate: '2025-06-30',
      Amount: 1000 + i + 0.25,
      CurrencyIsoCode: 'EUR',
      External_Id__c: `BULK-${String(i).padStart(4, '0')}`,
      Legal_Entity__c: 'DE-01',
      Billing_Model__c: 'Fixed_Fee',
    }));
    for (let i = 0; i < records.length; i += 200) {
      const res = await h.sf.call('POST', '/services/data/v60.0/composite/sobjects', {
        allOrNone: true,
        records: records.slice(i, i + 200),
      });
      expect(res.status).toBe(200);
    }
    const before = await sandboxUsage();
    await h.sql('TRUNCATE sandbox_salesforce.query_cursors');
    const { status, body } = await get('/system/crm/v1/opportunities?stage=closed-won');
    expect(status).toBe(200);
    const items = (body as unknown as OpportunityListDto).items;
    expect(items).toHaveLength(seededWins + 450);
    expect(new Set(items.map((o) => o.id)).size).toBe(seededWins + 450);
    expect(items.every((o) => o.stage === 'closed-won')).toBe(true);
    // More than 400 records in batches of 200: the query left a cursor, read through nextRecordsUrl calls.
    expect(
      await h.sql('SELECT batch_size, jsonb_array_length(records) AS n FROM sandbox_salesforce.query_cursors'),
    ).toEqual([{ batch_size: 200, n: seededWins + 450 }]);
    expect((await sandboxUsage()) - before).toBeGreaterThanOrEqual(3);
    expect(items.find((o) => o.id === 'BULK-0007')).toEqual<OpportunityDto>({
      id: 'BULK-0007',
      crossReferences: { salesforce: expect.stringMatching(/^006\w{15}$/) },
      updatedAt: expect.stringMatching(/Z$/),
      name: 'Bulk win 7',
      stage: 'closed-won',
      amount: { amountMinor: 100725, currency: 'EUR' },
      closeDate: '2025-06-30',
      legalEntity: 'DE-01',
      billingModel: 'fixed-fee',
    });
    const seeded = items.find((o) => o.id === 'OPP-0004');
    expect(seeded).toMatchObject({
      accountId: 'ACC-0002',
      amount: { amountMinor: 12875025, currency: 'USD' },
      billingModel: 'milestone',
      legalEntity: 'US-01',
    });
  });

  it('filters by every canonical stage and rejects an unknown one with 400 problem+json', async () => {
    const all = (await get('/system/crm/v1/opportunities')).body.items as OpportunityDto[];
    expect(all.length).toBeGreaterThanOrEqual(480);
    for (const stage of ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed-lost']) {
      const items = (await get(`/system/crm/v1/opportunities?stage=${stage}`)).body.items as OpportunityDto[];
      expect(items.length).toBe(all.filter((o) => o.stage === stage).length);
      expect(items.length).toBeGreaterThan(0);
    }
    const bad = await get('/system/crm/v1/opportunities?stage=won');
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body).toMatchObject({
      status: 400,
      errors: [{ field: 'stage', message: expect.stringContaining('closed-won') }],
    });
  });

  it('gets one opportunity by canonical id or Salesforce id, 404 problem+json otherwise', async () => {
    const byExternal = await get('/system/crm/v1/opportunities/OPP-0013');
    expect(byExternal.status).toBe(200);
    expect(byExternal.body).toMatchObject({
      id: 'OPP-0013',
      name: 'Kranich - SAP S/4 Einführung',
      accountId: 'ACC-0005',
      amount: { amountMinor: 24000000, currency: 'EUR' },
    });
    const sfId = (byExternal.body.crossReferences as Record<string, string>).salesforce;
    expect((await get(`/system/crm/v1/opportunities/${sfId}`)).body).toEqual(byExternal.body);
    const missing = await get('/system/crm/v1/opportunities/OPP-9999');
    expect(missing.status).toBe(404);
    expect(missing.contentType).toContain('application/problem+json');
    expect((await get('/system/crm/v1/opportunities/bad%20id')).status).toBe(400);
  });

  it('lists every account in the canonical model, following nextRecordsUrl through every batch', async () => {
    const seededAccounts = (await h.sf.soql('SELECT Id FROM Account')).length;
    const records = Array.from({ length: 250 }, (_, i) => ({
      attributes: { type: 'Account' },
      Name: `Bulk account ${String(i).padStart(3, '0')}`,
      External_Id__c: `BULKACC-${String(i).padStart(4, '0')}`,
      CurrencyIsoCode: 'GBP',
      Legal_Entity__c: 'UK-01',
      Billing_Country__c: 'GB',
    }));
    for (let i = 0; i < records.length; i += 200) {
      const res = await h.sf.call('POST', '/services/data/v60.0/composite/sobjects', {
        allOrNone: true,
        records: records.slice(i, i + 200),
      });
      expect(res.status).toBe(200);
    }
    const { status, body } = await get('/system/crm/v1/accounts');
    expect(status).toBe(200);
    const items = (body as unknown as AccountListDto).items;
    expect(items).toHaveLength(seededAccounts + 250); // in batches of 200
    expect(new Set(items.map((a) => a.id)).size).toBe(seededAccounts + 250);
    expect(items.find((a) => a.id === 'BULKACC-0042')).toEqual<AccountDto>({
      id: 'BULKACC-0042',
      crossReferences: { salesforce: expect.stringMatching(/^001\w{15}$/) },
      updatedAt: expect.stringMatching(/Z$/),
      name: 'Bulk account 042',
      legalEntity: 'UK-01',
      currency: 'GBP',
      billingCountry: 'GB',
    });
    expect(items.find((a) => a.id === 'ACC-0001')).toMatchObject({
      name: 'Acme Analytics Inc.',
      legalEntity: 'US-01',
      currency: 'USD',
      billingCountry: 'US',
    });
  });

  it('gets one account by canonical id or Salesforce id, 404 problem+json otherwise', async () => {
    const byId = await get('/system/crm/v1/accounts/ACC-0001');
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: 'ACC-0001', name: 'Acme Analytics Inc.' });
    const sfId = (byId.body as unknown as AccountDto).crossReferences.salesforce;
    expect((await get(`/system/crm/v1/accounts/${sfId}`)).body).toEqual(byId.body);
    const missing = await get('/system/crm/v1/accounts/ACC-9999');
    expect(missing.status).toBe(404);
    expect(missing.contentType).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404 });
  });

  it('logs in again when Salesforce expires the session (401) and the caller never notices', async () => {
    const tokens = async () =>
      Number((await h.sql<{ n: string }>('SELECT count(*) AS n FROM sandbox_salesforce.oauth_tokens'))[0].n);
    expect((await get('/system/crm/v1/opportunities/OPP-0001')).status).toBe(200);
    const before = await tokens();
    await fetch(`${h.sandbox.url}/__sandbox/sessions/expire`, { method: 'POST' });
    expect((await get('/system/crm/v1/opportunities/OPP-0001')).status).toBe(200);
    expect(await tokens()).toBe(before + 1);
    expect((await get('/system/crm/v1/opportunities/OPP-0002')).status).toBe(200);
    expect(await tokens()).toBe(before + 1);
  });

  it('answers 504 problem+json naming salesforce when Salesforce is too slow', async () => {
    await fetch(`${h.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs: 5000, pathPrefix: '/services/data' }),
    });
    try {
      const started = Date.now();
      const res = await get('/system/crm/v1/opportunities/OPP-0001');
      expect(res.status).toBe(504);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 504, dependency: 'salesforce' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
  });

  it('answers a fast 503 problem+json naming salesforce when Salesforce is down', async () => {
    await h.sandbox.close();
    const started = Date.now();
    const res = await get('/system/crm/v1/opportunities?stage=closed-won');
    expect(res.status).toBe(503);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, dependency: 'salesforce' });
    expect(Date.now() - started).toBeLessThan(2000);
    // The app itself stays ready: readiness is about its own database, not its vendors.
    expect((await fetch(`${h.crm!.url}/health/ready`)).status).toBe(200);
    const deps = (await get('/health/dependencies')).body as { dependencies: Array<{ name: string; status: string }> };
    expect(deps.dependencies).toContainEqual(expect.objectContaining({ name: 'salesforce', status: 'down' }));
  });
});
