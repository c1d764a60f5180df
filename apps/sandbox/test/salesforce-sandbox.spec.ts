import { bootstrapApp, RunningApp } from '@app/platform';
import { demoFirm } from '../src/common/demo-firm';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { DataSource } from 'typeorm';
import { salesforceSandboxApp } from '../src/app.definition';
import { seedContracts, seedLineItems, seedProducts } from '../src/salesforce/seed/seed-commercial';

/** The Salesforce sandbox over HTTP, on its own fresh database. */
/** The demo firm the sandbox seeds from (src/common/demo-firm). */
const firm = demoFirm();

describe('Salesforce sandbox (HTTP)', () => {
  let db: TestDatabase;
  let sandbox: RunningApp;
  let token: string;
  const V = '/services/data/v60.0';
  const savedEnv = { ...process.env };

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  async function login(secret = 'demo-secret') {
    const res = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client',
        client_secret: secret,
      }).toString(),
    });
    return { status: res.status, body: (await res.json()) as { access_token: string } & Record<string, unknown> };
  }

  const soql = (q: string, headers?: Record<string, string>) =>
    call('GET', `${V}/query?q=${encodeURIComponent(q)}`, undefined, headers);

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_sf');
    process.env.DATABASE_URL = db.url;
    process.env.SANDBOX_SALESFORCE_DAILY_LIMIT = '5000';
    sandbox = await bootstrapApp(salesforceSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    token = (await login()).body.access_token;
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    process.env = savedEnv;
  });

  describe('OAuth 2.0 client credentials', () => {
    it('issues a Salesforce-shaped token whose instance_url is the sandbox itself', async () => {
      const { status, body } = await login();
      expect(status).toBe(200);
      expect(body).toEqual({
        access_token: expect.stringMatching(/^00D\w+!\S+$/),
        instance_url: sandbox.url,
        id: expect.stringMatching(new RegExp(`^${sandbox.url}/id/00D\\w{15}/005\\w{15}$`)),
        token_type: 'Bearer',
        issued_at: expect.stringMatching(/^\d{13}$/),
        signature: expect.any(String),
        scope: 'api',
      });
    });

    it('rejects wrong credentials and other grants with OAuth errors', async () => {
      expect(await login('nope')).toEqual({
        status: 400,
        body: { error: 'invalid_client', error_description: 'invalid client credentials' },
      });
      const res = await fetch(`${sandbox.url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&username=a&password=b',
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
    });

    it('answers 401 INVALID_SESSION_ID without, with a wrong, a revoked or an expired session', async () => {
      const expected = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
      expect(await call('GET', `${V}/sobjects`, undefined, { authorization: '' })).toMatchObject({
        status: 401,
        body: expected,
      });
      expect(await call('GET', `${V}/sobjects`, undefined, { authorization: 'Bearer made-up' })).toMatchObject({
        status: 401,
        body: expected,
      });

      const revoked = (await login()).body.access_token as string;
      await fetch(`${sandbox.url}/services/oauth2/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${encodeURIComponent(revoked)}`,
      });
      expect(await call('GET', `${V}/sobjects`, undefined, { authorization: `Bearer ${revoked}` })).toMatchObject({
        status: 401,
        body: expected,
      });

      const expire = await fetch(`${sandbox.url}/__sandbox/sessions/expire`, { method: 'POST' });
      expect(((await expire.json()) as { expired: number }).expired).toBeGreaterThan(0);
      expect(await call('GET', `${V}/sobjects`)).toMatchObject({ status: 401, body: expected });
      token = (await login()).body.access_token;
      expect((await call('GET', `${V}/sobjects`)).status).toBe(200);
    });
  });

  describe('versions and limits', () => {
    it('lists API versions without a session, with and without the trailing slash', async () => {
      for (const path of ['/services/data', '/services/data/']) {
        const res = await fetch(sandbox.url + path);
        expect(res.status).toBe(200);
        const versions = (await res.json()) as Array<{ version: string; url: string; label: string }>;
        expect(versions).toContainEqual({ version: '60.0', url: '/services/data/v60.0', label: "Spring '24" });
      }
      expect((await call('GET', '/services/data/v99.0/sobjects')).status).toBe(404);
    });

    it('counts every API call in Sforce-Limit-Info and answers 403 REQUEST_LIMIT_EXCEEDED past the daily limit', async () => {
      const first = await call('GET', `${V}/limits`);
      const [used, limit] = /^api-usage=(\d+)\/(\d+)$/
        .exec(first.headers.get('sforce-limit-info')!)!
        .slice(1)
        .map(Number);
      expect(limit).toBe(5000);
      expect(first.body).toEqual({ DailyApiRequests: { Max: 5000, Remaining: 5000 - used } });
      const second = await call('GET', `${V}/limits`);
      expect(second.headers.get('sforce-limit-info')).toBe(`api-usage=${used + 1}/5000`);

      const ds = sandbox.app.get(DataSource);
      await ds.query(`UPDATE sandbox_salesforce.api_usage SET calls = 5000`);
      const over = await call('GET', `${V}/sobjects`);
      expect(over.status).toBe(403);
      expect(over.body).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      expect(over.headers.get('sforce-limit-info')).toBe('api-usage=5001/5000');
      await ds.query(`UPDATE sandbox_salesforce.api_usage SET calls = 0`);
    });
  });

  describe('seed', () => {
    it('holds the demo firm: 40 accounts in three legal entities, 120 opportunities, 30 closed won', async () => {
      const accounts = await soql('SELECT Legal_Entity__c, CurrencyIsoCode FROM Account');
      expect(accounts.body.totalSize).toBe(firm.customers.length);
      const entities = new Set(
        accounts.body.records.map(
          (r: { Legal_Entity__c: string; CurrencyIsoCode: string }) => `${r.Legal_Entity__c}/${r.CurrencyIsoCode}`,
        ),
      );
      expect([...entities].sort()).toEqual(['DE-01/EUR', 'UK-01/GBP', 'US-01/USD']);
      expect((await soql('SELECT COUNT() FROM Opportunity')).body).toEqual({
        totalSize: firm.opportunities.length,
        done: true,
        records: [],
      });
      const won = await soql(
        'SELECT External_Id__c, Amount, CloseDate, Billing_Model__c, Legal_Entity__c FROM Opportunity WHERE IsWon = true',
      );
      expect(won.body.totalSize).toBe(firm.projects.length);
      for (const r of won.body.records) {
        expect(r).toMatchObject({
          External_Id__c: expect.stringMatching(/^OPP-\d{4}$/),
          Amount: expect.any(Number),
          CloseDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        });
      }
    });

    it('resets to the same records with the same ids', async () => {
      const before = await soql("SELECT Id FROM Opportunity WHERE External_Id__c = 'OPP-0001'");
      await call('POST', `${V}/sobjects/Opportunity`, {
        Name: 'Scratch',
        StageName: 'Prospecting',
        CloseDate: '2025-01-01',
      });
      const reset = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
      expect(await reset.json()).toEqual({
        scale: 'demo',
        accounts: firm.customers.length,
        opportunities: firm.opportunities.length,
        products: seedProducts(firm).length,
        lineItems: seedLineItems(firm).length,
        contracts: seedContracts(firm).length,
      });
      const after = await soql("SELECT Id FROM Opportunity WHERE External_Id__c = 'OPP-0001'");
      expect(after.body.records[0].Id).toBe(before.body.records[0].Id);
      expect((await soql('SELECT COUNT() FROM Opportunity')).body.totalSize).toBe(firm.opportunities.length);
    });
  });

  describe('query', () => {
    it('answers SOQL with attributes, parent relationships and Salesforce datetimes', async () => {
      const { status, body } = await soql(
        "SELECT Id, Name, Amount, Account.Name, LastModifiedDate FROM Opportunity WHERE StageName = 'Closed Won' AND Account.Legal_Entity__c = 'DE-01' ORDER BY Amount DESC",
      );
      const wonDe = firm.opportunities
        .filter((o) => o.stage === 'Closed Won' && o.legalEntity === 'DE-01')
        .sort((a, b) => b.amountMinor! - a.amountMinor!);
      expect(status).toBe(200);
      expect(body.totalSize).toBe(wonDe.length);
      expect(body.done).toBe(true);
      expect(body.records[0]).toEqual({
        attributes: { type: 'Opportunity', url: `${V}/sobjects/Opportunity/${body.records[0].Id}` },
        Id: expect.stringMatching(/^006\w{15}$/),
        Name: wonDe[0].name,
        Amount: wonDe[0].amountMinor! / 100,
        Account: {
          attributes: { type: 'Account', url: expect.stringMatching(/\/sobjects\/Account\/001\w{15}$/) },
          Name: firm.customers.find((c) => c.id === wonDe[0].accountId)!.name,
        },
        LastModifiedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/),
      });
    });

    it.each([
      ['SELECT Id FRM Opportunity', 'MALFORMED_QUERY'],
      ['SELECT Id, Bogus__c FROM Opportunity', 'INVALID_FIELD'],
      ['SELECT Id FROM Timesheet__c', 'INVALID_TYPE'],
      ["SELECT Id FROM Opportunity WHERE CloseDate = '2025-01-01'", 'INVALID_QUERY_FILTER_OPERATOR'],
    ])('rejects %p with 400 %s', async (q, errorCode) => {
      const { status, body } = await soql(q);
      expect(status).toBe(400);
      expect(body).toEqual([{ message: expect.stringContaining('ERROR at Row:1:Column:'), errorCode }]);
    });

    it('pages large results by batchSize and serves the next batches from nextRecordsUrl', async () => {
      const records = Array.from({ length: 450 }, (_, i) => ({
        attributes: { type: 'Opportunity' },
        Name: `Bulk ${i}`,
        StageName: 'Closed Lost',
        CloseDate: '2025-04-01',
        Amount: i,
      }));
      for (let i = 0; i < records.length; i += 200) {
        const res = await call('POST', `${V}/composite/sobjects`, {
          allOrNone: true,
          records: records.slice(i, i + 200),
        });
        expect(res.status).toBe(200);
        expect(res.body.every((r: { success: boolean }) => r.success)).toBe(true);
      }
      const q = "SELECT Id, Amount FROM Opportunity WHERE Name LIKE 'Bulk %' ORDER BY Amount";
      const first = await soql(q, { 'Sforce-Query-Options': 'batchSize=200' });
      expect(first.body).toMatchObject({
        totalSize: 450,
        done: false,
        nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v60\.0\/query\/01g\w{15}-200$/),
      });
      expect(first.body.records).toHaveLength(200);
      const second = await call('GET', first.body.nextRecordsUrl);
      expect(second.body).toMatchObject({
        totalSize: 450,
        done: false,
        nextRecordsUrl: first.body.nextRecordsUrl.replace(/-200$/, '-400'),
      });
      const third = await call('GET', second.body.nextRecordsUrl);
      expect(third.body.done).toBe(true);
      expect(third.body.nextRecordsUrl).toBeUndefined();
      const amounts = [...first.body.records, ...second.body.records, ...third.body.records].map(
        (r: { Amount: number }) => r.Amount,
      );
      expect(amounts).toEqual(records.map((r) => r.Amount));

      // Below the minimum the batch is 200; the default is 2000 (one batch here).
      expect((await soql(q, { 'Sforce-Query-Options': 'batchSize=10' })).body.records).toHaveLength(200);
      expect((await soql(q)).body).toMatchObject({ done: true, totalSize: 450 });
      expect((await call('GET', `${V}/query/01g5g0000000999AAA-200`)).body).toEqual([
        { message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' },
      ]);
    });
  });

  describe('sObjects', () => {
    let accountId: string;

    beforeAll(async () => {
      accountId = (await soql("SELECT Id FROM Account WHERE External_Id__c = 'ACC-0005'")).body.records[0].Id;
    });

    it('creates an opportunity (201), derives IsWon/IsClosed and defaults the currency to the account', async () => {
      const created = await call('POST', `${V}/sobjects/Opportunity`, {
        Name: 'New',
        StageName: 'Closed Won',
        CloseDate: '2025-05-01',
        AccountId: accountId,
        Amount: 1500.5,
      });
      expect(created).toMatchObject({
        status: 201,
        body: { id: expect.stringMatching(/^006\w{15}$/), success: true, errors: [] },
      });
      const got = await call('GET', `${V}/sobjects/Opportunity/${created.body.id}`);
      expect(got.body).toMatchObject({
        Name: 'New',
        IsWon: true,
        IsClosed: true,
        Probability: 100,
        CurrencyIsoCode: 'EUR',
        Amount: 1500.5,
        AccountId: accountId,
      });
      expect(got.body.CreatedDate).toBe(got.body.LastModifiedDate);
      expect((await call('GET', `${V}/sobjects/Opportunity/${created.body.id.slice(0, 15)}?fields=Name`)).body).toEqual(
        {
          attributes: { type: 'Opportunity', url: `${V}/sobjects/Opportunity/${created.body.id}` },
          Name: 'New',
        },
      );
    });

    it.each([
      [{ Name: 'x' }, 'REQUIRED_FIELD_MISSING', ['StageName', 'CloseDate']],
      [
        { Name: 'x', StageName: 'Prospecting', CloseDate: '2025-01-01', AccountId: 'abc' },
        'MALFORMED_ID',
        ['AccountId'],
      ],
      [
        { Name: 'x', StageName: 'Prospecting', CloseDate: '2025-01-01', AccountId: '0015g0000000zzzAAA' },
        'INVALID_CROSS_REFERENCE_KEY',
        ['AccountId'],
      ],
      [
        { Name: 'x', StageName: 'Won-ish', CloseDate: '2025-01-01' },
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        ['StageName'],
      ],
      [{ Name: 'x', StageName: 'Prospecting', CloseDate: '2025-01-01', Bogus: 1 }, 'INVALID_FIELD', undefined],
      [
        { Name: 'x', StageName: 'Prospecting', CloseDate: '2025-01-01', IsWon: true },
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        ['IsWon'],
      ],
      [{ Name: 'x', StageName: 'Prospecting', CloseDate: 'soon' }, 'JSON_PARSER_ERROR', undefined],
      [
        { Name: 'x', StageName: 'Prospecting', CloseDate: '2025-01-01', External_Id__c: 'OPP-0001' },
        'DUPLICATE_VALUE',
        undefined,
      ],
    ])('rejects %p with 400 %s', async (body, errorCode, fields) => {
      const res = await call('POST', `${V}/sobjects/Opportunity`, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual([expect.objectContaining({ errorCode, message: expect.any(String) })]);
      if (fields) expect(res.body[0].fields).toEqual(fields);
    });

    it('answers malformed JSON with JSON_PARSER_ERROR and unknown records with NOT_FOUND', async () => {
      const bad = await call('POST', `${V}/sobjects/Opportunity`, '{"Name": ');
      expect(bad).toMatchObject({ status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR' }] });
      expect(await call('GET', `${V}/sobjects/Opportunity/0065g000000zzzzAAA`)).toMatchObject({
        status: 404,
        body: [{ errorCode: 'NOT_FOUND' }],
      });
      expect(await call('GET', `${V}/sobjects/Widget/0065g000000zzzzAAA`)).toMatchObject({
        status: 404,
        body: [{ errorCode: 'NOT_FOUND' }],
      });
    });

    it('updates with PATCH (204), stamping LastModifiedDate and re-deriving IsWon', async () => {
      const { body } = await soql("SELECT Id, LastModifiedDate FROM Opportunity WHERE External_Id__c = 'OPP-0003'");
      const [{ Id, LastModifiedDate }] = body.records;
      const res = await call('PATCH', `${V}/sobjects/Opportunity/${Id}`, { StageName: 'Closed Won' });
      expect(res.status).toBe(204);
      const after = (await call('GET', `${V}/sobjects/Opportunity/${Id}`)).body;
      expect(after).toMatchObject({ StageName: 'Closed Won', IsWon: true, IsClosed: true });
      expect(Date.parse(after.LastModifiedDate.replace('+0000', 'Z'))).toBeGreaterThan(
        Date.parse(LastModifiedDate.replace('+0000', 'Z')),
      );
      expect(after.SystemModstamp).toBe(after.LastModifiedDate);
      expect((await call('PATCH', `${V}/sobjects/Opportunity/${Id}`, { StageName: null })).body).toEqual([
        {
          message: 'Required fields are missing: [StageName]',
          errorCode: 'REQUIRED_FIELD_MISSING',
          fields: ['StageName'],
        },
      ]);
    });

    it('upserts by external id: 201 created, then 200 updated', async () => {
      const body = { Name: 'Upserted', StageName: 'Qualification', CloseDate: '2025-09-01' };
      const created = await call('PATCH', `${V}/sobjects/Opportunity/External_Id__c/OPP-UPS-1`, body);
      expect(created).toMatchObject({
        status: 201,
        body: { id: expect.stringMatching(/^006/), success: true, errors: [], created: true },
      });
      const updated = await call('PATCH', `${V}/sobjects/Opportunity/external_id__c/OPP-UPS-1`, { Amount: 10 });
      expect(updated).toEqual({
        status: 200,
        headers: expect.anything(),
        body: { id: created.body.id, success: true, errors: [], created: false },
      });
      expect(
        (await call('GET', `${V}/sobjects/Opportunity/External_Id__c/OPP-UPS-1?fields=Amount,Name`)).body,
      ).toMatchObject({ Amount: 10, Name: 'Upserted' });
      expect((await call('PATCH', `${V}/sobjects/Opportunity/Name/OPP-UPS-1`, { Amount: 1 })).status).toBe(404);
    });

    it('describes sObjects', async () => {
      const { body } = await call('GET', `${V}/sobjects/Opportunity/describe`);
      expect(body).toMatchObject({ name: 'Opportunity', keyPrefix: '006' });
      const fields = new Map(body.fields.map((f: { name: string }) => [f.name, f]));
      expect(fields.get('External_Id__c')).toMatchObject({ type: 'string', externalId: true, custom: true });
      expect(fields.get('Billing_Model__c')).toMatchObject({
        type: 'picklist',
        picklistValues: expect.arrayContaining([expect.objectContaining({ value: 'Fixed_Fee' })]),
      });
      expect(fields.get('AccountId')).toMatchObject({
        type: 'reference',
        referenceTo: ['Account'],
        relationshipName: 'Account',
      });
      expect((await call('GET', `${V}/sobjects`)).body.sobjects.map((s: { name: string }) => s.name)).toEqual([
        'Account',
        'Opportunity',
        'Product2',
        'OpportunityLineItem',
        'Contract',
        'Invoice__c',
      ]);
    });
  });

  describe('fault injection', () => {
    afterEach(async () => {
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    });

    it('fails the next calls with the injected status, then recovers', async () => {
      const set = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 503, times: 1 }),
      });
      expect(set.status).toBe(204);
      expect(await call('GET', `${V}/sobjects`)).toMatchObject({
        status: 503,
        body: [{ errorCode: 'SERVER_UNAVAILABLE' }],
      });
      expect((await call('GET', `${V}/sobjects`)).status).toBe(200);
    });

    const setFault = (fault: Record<string, unknown>) =>
      fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      });

    it('fails a seeded share of requests, the same ones every time the same fault is set', async () => {
      const run = async () => {
        expect((await setFault({ status: 500, errorRate: 0.5, seed: 42, pathPrefix: `${V}/sobjects` })).status).toBe(
          204,
        );
        const statuses: number[] = [];
        for (let i = 0; i < 12; i += 1) statuses.push((await call('GET', `${V}/sobjects`)).status);
        return statuses;
      };
      const first = await run();
      expect(await run()).toEqual(first);
      expect(first).toContain(500);
      expect(first).toContain(200);
      const failed = await setFault({ status: 500, seed: 42, times: 1 }).then(() => call('GET', `${V}/sobjects`));
      expect(failed.body).toEqual([{ message: expect.any(String), errorCode: 'UNKNOWN_EXCEPTION' }]);
    });

    it("throttles with 429 REQUEST_LIMIT_EXCEEDED and Retry-After, in Salesforce's array shape", async () => {
      await setFault({ status: 429, retryAfterSeconds: 3, times: 2 });
      for (let i = 0; i < 2; i += 1) {
        const res = await call('GET', `${V}/sobjects`);
        expect(res).toMatchObject({ status: 429, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
        expect(res.headers.get('retry-after')).toBe('3');
      }
      expect((await call('GET', `${V}/sobjects`)).status).toBe(200);
    });

    it('has an outage window that lifts by itself', async () => {
      await setFault({ outageMs: 400 });
      expect(await call('GET', `${V}/sobjects`)).toMatchObject({
        status: 503,
        body: [{ errorCode: 'SERVER_UNAVAILABLE' }],
      });
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect((await call('GET', `${V}/sobjects`)).status).toBe(200);
      const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as { fault: unknown };
      expect(state.fault).toBeNull();
    });

    it("answers slower than the caller's timeout", async () => {
      await setFault({ delayMs: 3000, times: 1 });
      await expect(
        fetch(`${sandbox.url}${V}/sobjects`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(150),
        }),
      ).rejects.toThrow();
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    });

    it('serves the request but answers a malformed body', async () => {
      await setFault({ malformed: true, times: 1, method: 'GET' });
      const res = await fetch(`${sandbox.url}${V}/sobjects`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      const text = await res.text();
      expect(text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(text)).toThrow();
      expect((await call('GET', `${V}/sobjects`)).status).toBe(200);
    });

    it('with phase "after", does the work and then fails (an ambiguous failure)', async () => {
      await setFault({ status: 503, phase: 'after', times: 1, method: 'POST' });
      const created = await call('POST', `${V}/sobjects/Account`, { Name: 'Fault After Ltd' });
      expect(created).toMatchObject({ status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE' }] });
      const found = await soql("SELECT Id FROM Account WHERE Name = 'Fault After Ltd'");
      expect(found.body.totalSize).toBe(1);
    });

    it('validates the fault (problem+json: this endpoint is ours, not the vendor)', async () => {
      const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 42 }),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });
  });
});
