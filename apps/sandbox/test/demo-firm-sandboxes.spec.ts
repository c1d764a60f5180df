import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { Client } from 'pg';
import { sandboxApps } from '../src/app.definition';
import { bcNumberOf } from '../src/business-central/seed/bc-seed-data';
import { demoFirm } from '../src/common/demo-firm';

/**
 * Every sandbox seeds the same demo firm: booted together on one database, each vendor's store holds
 * the same customers, projects and people under the ids the system APIs look them up by.
 */
describe('the demo firm across the six sandboxes', () => {
  const firm = demoFirm();
  const savedEnv = { ...process.env };
  let db: TestDatabase;
  let sql: Client;
  const apps: RunningApp[] = [];
  let bootMs = 0;

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_demo_firm');
    process.env.DATABASE_URL = db.url;
    const started = Date.now();
    for (const app of sandboxApps) apps.push(await bootstrapApp(app, { port: 0, host: '127.0.0.1', logger: false }));
    bootMs = Date.now() - started;
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    for (const app of apps.reverse()) await app.close();
    await db?.drop();
    process.env = savedEnv;
  });

  const column = async (query: string, params: unknown[] = []): Promise<string[]> =>
    (await sql.query<{ v: string }>(query, params)).rows.map((r) => r.v).sort();

  it('boots all six with the seed in seconds', () => {
    expect(apps).toHaveLength(6);
    expect(bootMs).toBeLessThan(30_000);
  });

  it('holds every project customer in the CRM, the PSA, both ERPs and billing', async () => {
    const customers = firm.customers.filter((c) => c.hasProjects);
    const ids = customers.map((c) => c.id).sort();
    expect(
      await column(
        `SELECT external_id AS v FROM sandbox_salesforce.sobject_records WHERE sobject_type = 'Account' AND external_id = ANY($1)`,
        [ids],
      ),
    ).toEqual(ids);
    expect(
      await column(
        `SELECT DISTINCT data->>'external_id' AS v FROM sandbox_kantata.records
         WHERE type = 'external_references' AND data->>'service_model' = 'customer'`,
      ),
    ).toEqual(ids);
    expect(await column(`SELECT external_id AS v FROM sandbox_netsuite.records WHERE type = 'customer'`)).toEqual(ids);
    expect(
      await column(
        `SELECT fields->>'number' AS v FROM sandbox_business_central.records WHERE entity_set = 'customers'`,
      ),
    ).toEqual(customers.map((c) => bcNumberOf('C', c.id)).sort());
    expect(
      await column(`SELECT data->'metadata'->>'canonical_id' AS v FROM sandbox_stripe.objects WHERE type = 'customer'`),
    ).toEqual(ids);
  });

  it('holds every project in the PSA and both ERPs, and its deal in the CRM', async () => {
    const ids = firm.projects.map((p) => p.id).sort();
    expect(
      await column(
        `SELECT data->>'service_model_ref' AS v FROM sandbox_kantata.records
         WHERE type = 'external_references' AND data->>'service_model' = 'project'`,
      ),
    ).toEqual(ids);
    expect(await column(`SELECT external_id AS v FROM sandbox_netsuite.records WHERE type = 'job'`)).toEqual(ids);
    expect(
      await column(`SELECT fields->>'number' AS v FROM sandbox_business_central.records WHERE entity_set = 'projects'`),
    ).toEqual(firm.projects.map((p) => bcNumberOf('J', p.id)).sort());
    const won = await column(
      `SELECT external_id AS v FROM sandbox_salesforce.sobject_records
       WHERE sobject_type = 'Opportunity' AND fields->>'StageName' = 'Closed Won'`,
    );
    expect(won).toEqual(firm.projects.map((p) => p.opportunityId).sort());
  });

  it('has the same people in the HRIS, the PSA and the ERPs, and time only from project members', async () => {
    const workers = await column(`SELECT employee_id AS v FROM sandbox_workday.workers`);
    expect(workers).toEqual(firm.workers.map((w) => w.employeeId).sort());
    expect(
      await column(
        `SELECT data->>'service_model_ref' AS v FROM sandbox_kantata.records
         WHERE type = 'external_references' AND data->>'service_model' = 'worker'`,
      ),
    ).toEqual(workers);
    const staffed = [...new Set(firm.participations.map((p) => p.workerId))].sort();
    expect(await column(`SELECT external_id AS v FROM sandbox_netsuite.records WHERE type = 'employee'`)).toEqual(
      staffed,
    );
    // Every Kantata time entry's user participates in its workspace.
    const strays = await sql.query(
      `SELECT t.id FROM sandbox_kantata.records t
       WHERE t.type = 'time_entries' AND NOT EXISTS (
         SELECT 1 FROM sandbox_kantata.records p WHERE p.type = 'participations'
           AND p.data->>'workspace_id' = t.data->>'workspace_id' AND p.data->>'user_id' = t.data->>'user_id')`,
    );
    expect(strays.rows).toEqual([]);
    const entries = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sandbox_kantata.records WHERE type = 'time_entries'`,
    );
    expect(entries.rows[0].n).toBe(firm.timeEntries.length);
  });
});
