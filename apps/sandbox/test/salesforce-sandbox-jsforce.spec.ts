import { bootstrapApp, RunningApp } from '@app/platform';
import { demoFirm } from '../src/common/demo-firm';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { Connection } from 'jsforce';
import { salesforceSandboxApp } from '../src/app.definition';

interface Opp {
  Id?: string;
  Name: string;
  StageName: string;
  CloseDate: string;
  Amount?: number;
  IsWon?: boolean;
  External_Id__c?: string;
  Account?: { Name: string } | null;
}

/** Salesforce's own Node client (jsforce) against the sandbox: the wire format is faithful enough. */
/** The demo firm the sandbox seeds from (src/common/demo-firm). */
const firm = demoFirm();

describe('Salesforce sandbox with jsforce', () => {
  let db: TestDatabase;
  let sandbox: RunningApp;
  let conn: Connection;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_jsforce');
    process.env.DATABASE_URL = db.url;
    sandbox = await bootstrapApp(salesforceSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    conn = new Connection({
      oauth2: { clientId: 'demo-client', clientSecret: 'demo-secret', loginUrl: sandbox.url },
      version: '60.0',
    });
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    process.env = savedEnv;
  });

  it('logs in with the client-credentials flow', async () => {
    const user = await conn.authorize({ grant_type: 'client_credentials' });
    expect(user).toMatchObject({ organizationId: expect.stringMatching(/^00D/), id: expect.stringMatching(/^005/) });
    expect(conn.instanceUrl).toBe(sandbox.url);
  });

  it('queries with relationships, and fetches every batch through nextRecordsUrl', async () => {
    const won = await conn.query<Opp>(
      "SELECT Id, Name, Amount, Account.Name FROM Opportunity WHERE StageName = 'Closed Won' ORDER BY Amount DESC LIMIT 3",
    );
    const [top] = firm.opportunities
      .filter((o) => o.stage === 'Closed Won')
      .sort((a, b) => b.amountMinor! - a.amountMinor!);
    expect(won.totalSize).toBe(3);
    expect(won.records[0]).toMatchObject({
      Name: top.name,
      Amount: top.amountMinor! / 100,
      Account: { Name: firm.customers.find((c) => c.id === top.accountId)!.name },
    });

    const records = Array.from({ length: 250 }, (_, i) => ({
      Name: `jsforce ${i}`,
      StageName: 'Prospecting',
      CloseDate: '2025-08-01',
      Amount: i,
    }));
    const created = await conn.sobject('Opportunity').create(records.slice(0, 200), { allOrNone: true });
    const more = await conn.sobject('Opportunity').create(records.slice(200), { allOrNone: true });
    expect([...created, ...more].every((r) => r.success)).toBe(true);

    const all = await conn
      .query<Opp>("SELECT Id, Amount FROM Opportunity WHERE Name LIKE 'jsforce %' ORDER BY Amount")
      .run({ autoFetch: true, maxFetch: 1000, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    expect(all.totalSize).toBe(250);
    expect(all.records.map((r) => r.Amount)).toEqual(records.map((r) => r.Amount));

    const count = await conn.sobject('Opportunity').count({ IsWon: true });
    expect(count).toBe(firm.projects.length); // every Closed Won deal became a project
  });

  it('creates, retrieves, updates, upserts and deletes records', async () => {
    const sobject = conn.sobject('Opportunity');
    const res = await sobject.create({ Name: 'Via jsforce', StageName: 'Qualification', CloseDate: '2025-10-01' });
    expect(res).toMatchObject({ success: true, id: expect.stringMatching(/^006/) });
    const id = (res as { id: string }).id;

    expect(await sobject.retrieve(id)).toMatchObject({ Id: id, Name: 'Via jsforce', IsWon: false });
    expect(await sobject.update({ Id: id, StageName: 'Closed Won' })).toMatchObject({ success: true, id });
    expect(await sobject.retrieve(id)).toMatchObject({ IsWon: true });

    const inserted = await sobject.upsert(
      { Name: 'Upsert via jsforce', StageName: 'Prospecting', CloseDate: '2025-11-01', External_Id__c: 'JSF-1' },
      'External_Id__c',
    );
    expect(inserted).toMatchObject({ success: true, created: true });
    const updated = await sobject.upsert({ Amount: 42, External_Id__c: 'JSF-1' }, 'External_Id__c');
    expect(updated).toMatchObject({ success: true, created: false });
    expect((await sobject.findOne({ External_Id__c: 'JSF-1' }, ['Amount']))?.Amount).toBe(42);

    expect(await sobject.destroy(id)).toMatchObject({ success: true, id });
    await expect(sobject.retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('describes objects and reports Salesforce errors with their codes', async () => {
    const describe = await conn.sobject('Opportunity').describe();
    expect(describe.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['StageName', 'External_Id__c', 'Billing_Model__c']),
    );
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual([
      'Account',
      'Opportunity',
      'Product2',
      'OpportunityLineItem',
      'Contract',
      'Invoice__c',
    ]);

    await expect(conn.query('SELECT Nope__c FROM Opportunity')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(conn.sobject('Opportunity').create({ Name: 'No stage' })).rejects.toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
    });
  });
});
