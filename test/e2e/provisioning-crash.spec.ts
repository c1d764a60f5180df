/**
 * Crash safety of the provisioning workflow: every run stops right after one step (its lease held, as
 * a killed process leaves it: PROVISIONING_CRASH_AFTER=* with PROVISIONING_CRASH_MODE=abandon), and
 * process-api itself is stopped and restarted mid-way. Each later run resumes after the last recorded
 * step once the lease expires; at the end there is one customer, one ERP project, one PSA workspace,
 * one billing customer, one schedule and one project.provisioned event.
 *
 * The in-process stand-in for a kill: the run is abandoned without any further write, exactly what a
 * SIGKILL between two steps leaves behind (PROVISIONING_CRASH_MODE=exit makes it a real exit in
 * processes mode).
 */
import { startTestStack, TestStack } from '@app/testing';
import { sql } from '../process-api/process-api-test-kit';

const DEMO_KEY = 'provisioning-crash-demo-key-0123456789';
const SF = 'sandbox-salesforce';

describe('provisioning resumes after a crash between any two steps, without duplicates', () => {
  let stack: TestStack;

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
        CRM_POLL_INTERVAL_MS: '200',
        PROVISIONING_POLL_INTERVAL_MS: '100',
        PROVISIONING_LEASE_MS: '400',
        PROVISIONING_RETRY_MS: '300',
        PROVISIONING_CRASH_AFTER: '*',
        PROVISIONING_CRASH_MODE: 'abandon',
      },
    });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const gw = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${stack.urls.gateway}${path}`, {
      ...init,
      headers: { 'X-API-Key': DEMO_KEY, 'content-type': 'application/json' },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('finishes with one of everything', async () => {
    const tokenRes = await fetch(`${stack.urls[SF]}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    const { access_token, instance_url } = (await tokenRes.json()) as { access_token: string; instance_url: string };
    const base = `${instance_url}/services/data/v60.0`;
    const q = encodeURIComponent(
      'SELECT Id, External_Id__c FROM Opportunity WHERE IsClosed = false ORDER BY External_Id__c LIMIT 1',
    );
    const [target] = (
      (await (
        await fetch(`${base}/query?q=${q}`, { headers: { Authorization: `Bearer ${access_token}` } })
      ).json()) as {
        records: Array<{ Id: string; External_Id__c: string }>;
      }
    ).records;
    const patch = await fetch(`${base}/sobjects/Opportunity/${target.Id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        StageName: 'Closed Won',
        Billing_Model__c: 'Retainer',
        Tax_Profile__c: 'US-SERVICES',
        Start_Date__c: '2026-04-01',
        End_Date__c: '2026-06-30',
      }),
    });
    expect(patch.status).toBe(204);

    const steps = async () =>
      (
        await sql(stack.databaseUrl, `select status, steps from process.provisionings where opportunity_id = $1`, [
          target.External_Id__c,
        ])
      )[0] as { status: string; steps: Array<{ name: string; status: string }> | null } | undefined;

    // stop process-api once some steps are recorded, start it again
    const deadline = Date.now() + 30_000;
    while (((await steps())?.steps?.length ?? 0) < 2) {
      if (Date.now() > deadline) throw new Error('no step recorded');
      await new Promise((r) => setTimeout(r, 50));
    }
    await stack.kill('process-api');
    await stack.restart('process-api');

    let row = await steps();
    while (row?.status !== 'provisioned') {
      if (Date.now() > deadline) throw new Error(`not provisioned: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 100));
      row = await steps();
    }
    expect(row.steps!.map((s) => `${s.name}:${s.status}`)).toEqual([
      'validate:done',
      'erp-customer:done',
      'erp-project:done',
      'psa-workspace:done',
      'billing-customer:done',
      'billing-schedule:done',
      'crm-write-back:done',
      'publish:done',
    ]);
    const p = (await gw('/process/project-setup/v2/provisionings?limit=200')).body.items.find(
      (x: { dealId: string }) => x.dealId === target.External_Id__c,
    );
    const psa = await gw('/system/psa/v1/projects');
    expect((psa.body.items as Array<{ code?: string }>).filter((x) => x.code === p.projectCode)).toHaveLength(1);
    const erp = await gw(`/system/erp/v1/projects/${p.projectId}`);
    expect(erp.status).toBe(200);
    const schedule = await sql(
      stack.databaseUrl,
      `select kind, amount_minor from process.billing_schedule_items where project_id = $1 order by sequence`,
      [p.projectId],
    );
    expect(schedule.map((r) => r.kind)).toEqual(['retainer-drawdown', 'retainer-drawdown', 'retainer-drawdown']);
    const events = await sql(
      stack.databaseUrl,
      `select count(*)::int as n from process.outbox where event->>'type' = 'project.provisioned' and event->>'subject' = $1`,
      [`project/${p.projectId}`],
    );
    expect(events[0].n).toBe(1);
    const runs = await sql(stack.databaseUrl, `select attempts from process.provisionings where id = $1`, [p.id]);
    expect(runs[0].attempts).toBeGreaterThanOrEqual(7); // one run per step at least: each one resumed
  }, 60_000);
});
