import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { salesforceSandboxApp } from '../src/app.definition';

/**
 * SOQL whose WHERE pins Id, a parent id or a text field equality is answered from the rows SQL
 * selects (soql-narrowing), not from every record of the object. The answers must be exactly those
 * of a full scan: each narrowed query is compared with a logically equal one the sandbox cannot
 * narrow (`NOT (f != v)`, `NOT (f NOT IN ...)`, a NOT around the disjunction...).
 */
describe('Salesforce sandbox SOQL narrowed by Id, parent id and text equality (HTTP)', () => {
  let db: TestDatabase;
  let sandbox: RunningApp;
  let token: string;
  const V = '/services/data/v60.0';
  const savedEnv = { ...process.env };

  async function soql(q: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`${sandbox.url}${V}/query?q=${encodeURIComponent(q)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: await res.json() };
  }

  async function same(narrowed: string, fullScan: string): Promise<any[]> {
    const a = await soql(narrowed);
    const b = await soql(fullScan);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body).toEqual(b.body);
    return a.body.records as any[];
  }

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_sf_narrow');
    process.env.DATABASE_URL = db.url;
    process.env.SANDBOX_SALESFORCE_DAILY_LIMIT = '5000';
    sandbox = await bootstrapApp(salesforceSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    const res = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client',
        client_secret: 'demo-secret',
      }).toString(),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    process.env = savedEnv;
  });

  it('by Id (18 and 15 characters, IN lists), identical to a full scan', async () => {
    const all = (await soql('SELECT Id, External_Id__c FROM Opportunity ORDER BY Id')).body.records as any[];
    expect(all.length).toBeGreaterThan(3);
    const [a, b] = [all[1].Id as string, all[2].Id as string];
    const one = await same(
      `SELECT Id, Name, Account.Name FROM Opportunity WHERE Id = '${a}'`,
      `SELECT Id, Name, Account.Name FROM Opportunity WHERE NOT (Id != '${a}')`,
    );
    expect(one.map((r) => r.Id)).toEqual([a]);
    expect(
      await same(
        `SELECT Id FROM Opportunity WHERE Id = '${a.slice(0, 15)}'`,
        `SELECT Id FROM Opportunity WHERE NOT (Id != '${a}')`,
      ),
    ).toHaveLength(1);
    const two = await same(
      `SELECT Id FROM Opportunity WHERE Id IN ('${b}', '${a.slice(0, 15)}') ORDER BY Id DESC`,
      `SELECT Id FROM Opportunity WHERE NOT (Id NOT IN ('${a}', '${b}')) ORDER BY Id DESC`,
    );
    expect(two.map((r) => r.Id)).toEqual([b, a].sort().reverse());
    // Another object's id: no row (the type is part of the SQL).
    const account = (await soql('SELECT Id FROM Account LIMIT 1')).body.records[0].Id as string;
    expect(
      await same(
        `SELECT Id FROM Opportunity WHERE Id = '${account}'`,
        `SELECT Id FROM Opportunity WHERE NOT (Id != '${account}')`,
      ),
    ).toEqual([]);
    // AND: narrowed by the Id, the rest still applies.
    expect(
      await same(
        `SELECT Id FROM Opportunity WHERE Id = '${a}' AND Name = 'no such name'`,
        `SELECT Id FROM Opportunity WHERE NOT (Id != '${a}') AND Name = 'no such name'`,
      ),
    ).toEqual([]);
  });

  it('by Id or external id (any case), as system-crm reads a deal', async () => {
    const all = (await soql('SELECT Id, External_Id__c FROM Opportunity WHERE External_Id__c != null ORDER BY Id')).body
      .records as any[];
    const [x, y] = all;
    const ext = String(y.External_Id__c);
    const rows = await same(
      `SELECT Id, External_Id__c FROM Opportunity WHERE (Id = '${x.Id}' OR External_Id__c = '${ext.toLowerCase()}') ORDER BY Id LIMIT 2`,
      `SELECT Id, External_Id__c FROM Opportunity WHERE NOT (Id != '${x.Id}' AND External_Id__c != '${ext.toLowerCase()}') ORDER BY Id LIMIT 2`,
    );
    expect(rows.map((r) => r.Id)).toEqual([x.Id, y.Id].sort());
    expect(
      await same(
        `SELECT Id FROM Opportunity WHERE External_Id__c IN ('${ext}', 'none')`,
        `SELECT Id FROM Opportunity WHERE NOT (External_Id__c NOT IN ('${ext}', 'none'))`,
      ),
    ).toHaveLength(1);
  });

  it('line items by parent id (18 or 15 characters), identical to a full scan', async () => {
    const items = (await soql('SELECT Id, OpportunityId FROM OpportunityLineItem ORDER BY Id')).body.records as any[];
    expect(items.length).toBeGreaterThan(0);
    const parent = String(items[0].OpportunityId);
    const expected = items.filter((i) => i.OpportunityId === parent).map((i) => i.Id);
    for (const id of [parent, parent.slice(0, 15)]) {
      const rows = await same(
        `SELECT Id, OpportunityId, Quantity FROM OpportunityLineItem WHERE OpportunityId = '${id}' ORDER BY Id`,
        `SELECT Id, OpportunityId, Quantity FROM OpportunityLineItem WHERE NOT (OpportunityId != '${id}') ORDER BY Id`,
      );
      expect(rows.map((r) => r.Id)).toEqual(expected);
    }
  });

  it('still answers a malformed id the way Salesforce does', async () => {
    const res = await soql("SELECT Id FROM Opportunity WHERE Id = 'not-an-id'");
    expect(res.status).toBe(400);
    expect(res.body[0].errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });
});
