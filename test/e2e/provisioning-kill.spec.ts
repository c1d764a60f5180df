/**
 * A real process kill at each step of the provisioning workflow. process-api runs as its own OS process
 * (the launcher's processes mode) beside the sandboxes, system APIs and gateway of a test stack (in this
 * process, on the same database). It starts with PROVISIONING_CRASH_AFTER=<step>@<opportunity> for each
 * step from validate to crm-write-back (PROVISIONING_CRASH_MODE=exit): deal k, won in the Salesforce
 * sandbox, makes the process really exit right after step k is recorded. The test checks the process is
 * gone with exactly steps 1..k recorded, starts process-api again, and checks that the provisioning
 * resumed and finished with exactly one of everything: ERP customer, ERP project, PSA workspace, billing
 * customer (Stripe), schedule rows, the project code on the opportunity, one `project.provisioned` event.
 *
 * One stack for every step (only process-api restarts: once per step); a distinct account and deal per step.
 */
import { randomBytes } from 'node:crypto';
import { startTestStack, TestStack } from '@app/testing';
import { urlEnvName } from '../../tools/launcher/apps';
import { startStack, type Stack } from '../../tools/launcher/stack';
import { sql } from '../process-api/process-api-test-kit';

const DEMO_KEY = 'provisioning-kill-demo-key-0123456789';
const SF = 'sandbox-salesforce';
const STEPS = [
  'validate',
  'erp-customer',
  'erp-project',
  'psa-workspace',
  'billing-customer',
  'billing-schedule',
  'crm-write-back',
] as const;

const opportunityIdOf = (index: number) => `OPP-KILL-${index + 1}`;

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('provisioning: process-api really killed after each step resumes on restart, without duplicates', () => {
  /** Sandboxes, system APIs and the gateway, in this process. */
  let stack: TestStack;
  /** process-api alone, as its own OS process, on the same database. */
  let processApi: Stack;

  beforeAll(async () => {
    const serviceKeys = `process-api=svc_${randomBytes(24).toString('base64url')}`;
    const common = {
      DEMO_API_KEY: DEMO_KEY,
      INTERNAL_AUTH: 'required',
      GATEWAY_SERVICE_KEYS: serviceKeys,
      MESSAGING_RETRY_BASE_MS: '50',
      MESSAGING_POLL_INTERVAL_MS: '100',
    };
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
        'gateway',
      ],
      env: { ...common, CRM_POLL_INTERVAL_MS: '100' },
    });
    processApi = await startStack({
      mode: 'processes',
      apps: ['process-api'],
      databaseUrl: stack.databaseUrl,
      host: '127.0.0.1',
      output: 'pipe',
      ports: { 'process-api': 0 },
      env: {
        ...common,
        ...Object.fromEntries(Object.entries(stack.urls).map(([name, url]) => [urlEnvName(name), url])),
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PROVISIONING_POLL_INTERVAL_MS: '50',
        PROVISIONING_LEASE_MS: '1000',
        PROVISIONING_RETRY_MS: '300',
        PROVISIONING_CRASH_MODE: 'exit',
        // each deal's process dies right after its own step (deal k after step k), once
        PROVISIONING_CRASH_AFTER: STEPS.map((step, i) => `${step}@${opportunityIdOf(i)}`).join(','),
      },
    });
  }, 180_000);
  afterAll(async () => {
    await processApi?.stop();
    await stack?.stop();
  });

  const gw = async (path: string) => {
    const res = await fetch(`${stack.urls.gateway}${path}`, { headers: { 'X-API-Key': DEMO_KEY } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  async function salesforce(): Promise<{ token: string; base: string }> {
    const res = await fetch(`${stack.urls[SF]}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    const body = (await res.json()) as { access_token: string; instance_url: string };
    return { token: body.access_token, base: `${body.instance_url}/services/data/v60.0` };
  }

  /** A new account and a won fixed-fee opportunity (3 monthly instalments) in the Salesforce sandbox. */
  async function winNewDeal(index: number): Promise<{ opportunityId: string; accountName: string }> {
    const tag = String(index + 1);
    const sf = await salesforce();
    const send = async (method: string, path: string, body: Record<string, unknown>) => {
      const res = await fetch(`${sf.base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${sf.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? (JSON.parse(text) as { id?: string }) : {};
    };
    const accountName = `Killtest ${tag} Holdings`;
    const account = await send('POST', '/sobjects/Account', {
      Name: accountName,
      External_Id__c: `ACC-KILL-${tag}`,
      Legal_Entity__c: 'US-01',
      Billing_Country__c: 'US',
      CurrencyIsoCode: 'USD',
    });
    const opp = await send('POST', '/sobjects/Opportunity', {
      Name: `Killtest ${tag} rollout`,
      AccountId: account.id,
      External_Id__c: opportunityIdOf(index),
      StageName: 'Prospecting',
      CloseDate: '2026-03-31',
      Amount: 30000,
      CurrencyIsoCode: 'USD',
      Legal_Entity__c: 'US-01',
    });
    await send('PATCH', `/sobjects/Opportunity/${opp.id}`, {
      StageName: 'Closed Won',
      Billing_Model__c: 'Fixed_Fee',
      Tax_Profile__c: 'US-SERVICES',
      Start_Date__c: '2026-05-15',
      End_Date__c: '2026-07-31',
    });
    return { opportunityId: opportunityIdOf(index), accountName };
  }

  /** Every customer of the Stripe sandbox account, through its list API. */
  async function stripeCustomers(): Promise<Array<{ id: string; name?: string }>> {
    const all: Array<{ id: string; name?: string }> = [];
    for (let after = ''; ;) {
      const res = await fetch(
        `${stack.urls['sandbox-stripe']}/v1/customers?limit=100${after ? `&starting_after=${after}` : ''}`,
        { headers: { Authorization: 'Bearer sk_test_sandbox' } },
      );
      const page = (await res.json()) as { data: Array<{ id: string; name?: string }>; has_more: boolean };
      all.push(...page.data);
      if (!page.has_more || !page.data.length) return all;
      after = page.data[page.data.length - 1].id;
    }
  }

  type Row = {
    id: string;
    status: string;
    project_id: string | null;
    project_code: string | null;
    steps: Array<{ name: string; status: string }> | null;
  };
  const rowOf = async (opportunityId: string): Promise<Row | undefined> =>
    (
      await sql<Row>(
        stack.databaseUrl,
        `select id, status, project_id, project_code, steps from process.provisionings where opportunity_id = $1`,
        [opportunityId],
      )
    )[0];

  it.each(STEPS.map((step, i) => [step, i]))(
    'killed right after %s: resumes and finishes with one of everything',
    async (step, i) => {
      const index = Number(i);
      const pid = processApi.get('process-api').pid!;
      const { opportunityId, accountName } = await winNewDeal(index);

      // the process really exits right after recording the step
      await waitFor(async () => !alive(pid) || undefined, 60_000, `process-api to exit after ${step}`);
      expect(processApi.output('process-api')).toContain(`PROVISIONING_CRASH_AFTER=${step} (${opportunityId}): exit`);
      const atDeath = await rowOf(opportunityId);
      expect(atDeath?.status).toBe('in-progress');
      expect(atDeath!.steps!.map((s) => `${s.name}:${s.status}`)).toEqual(
        STEPS.slice(0, index + 1).map((s) => `${s}:done`),
      );

      // start it again: it resumes after the recorded step (this deal's crash is behind it)
      await processApi.restart('process-api');
      const row = await waitFor(
        async () => {
          const r = await rowOf(opportunityId);
          return r && !['received', 'in-progress'].includes(r.status) ? r : undefined;
        },
        60_000,
        `provisioning of ${opportunityId}`,
      );
      expect(row.status).toBe('provisioned');
      expect(row.steps!.map((s) => `${s.name}:${s.status}`)).toEqual([
        ...STEPS.map((s) => `${s}:done`),
        'publish:done',
      ]);

      const customers = (await gw('/system/erp/v1/customers')).body.items as Array<{ name: string }>;
      expect(customers.filter((c) => c.name === accountName)).toHaveLength(1);
      const erpProject = await gw(`/system/erp/v1/projects/${row.project_id}`);
      expect(erpProject.status).toBe(200);
      const psa = (await gw('/system/psa/v1/projects?limit=200')).body.items as Array<{ code?: string }>;
      expect(psa.filter((x) => x.code === row.project_code)).toHaveLength(1);
      const erpCustomerId = (row.steps as Array<{ name: string; vendorIds?: Record<string, string> }>).find(
        (s) => s.name === 'erp-customer',
      )!.vendorIds!.erpCustomerId;
      expect((await gw(`/system/billing/v1/customers/${erpCustomerId}`)).status).toBe(200);
      expect((await stripeCustomers()).filter((c) => c.name === accountName)).toHaveLength(1);
      const schedule = await sql(
        stack.databaseUrl,
        `select kind from process.billing_schedule_items where project_id = $1 order by sequence`,
        [row.project_id],
      );
      expect(schedule.map((r) => r.kind)).toEqual(['instalment', 'instalment', 'instalment']);
      const opp = await gw(`/system/crm/v1/opportunities/${opportunityId}`);
      expect(opp.body.projectCode).toBe(row.project_code);
      const events = await sql(
        stack.databaseUrl,
        `select count(*)::int as n from process.outbox where event->>'type' = 'project.provisioned' and event->>'subject' = $1`,
        [`project/${row.project_id}`],
      );
      expect(events[0].n).toBe(1);
    },
    120_000,
  );
});
