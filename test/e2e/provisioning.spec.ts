/**
 * Quote to project, end to end over real HTTP on a real PostgreSQL, every app behind the gateway's
 * internal token: Closed Won in the Salesforce sandbox -> system-crm -> opportunity.closed_won ->
 * process-api's provisioning workflow (through the gateway with its service key) -> ERP (NetSuite
 * sandbox), PSA (Kantata sandbox), billing (Stripe sandbox), and the project code back on the
 * opportunity. Bad input ends in a business exception with every reason, and nothing downstream.
 */
import { startTestStack, TestStack } from '@app/testing';

const DEMO_KEY = 'provisioning-e2e-demo-key-0123456789';
const SF = 'sandbox-salesforce';

interface Provisioning {
  id: string;
  status: string;
  dealId: string;
  projectCode?: string;
  projectId?: string;
  steps?: Array<{ name: string; status: string; vendorIds?: Record<string, string>; error?: string }>;
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

describe.each([
  { erp: 'netsuite', sandbox: 'sandbox-netsuite' },
  { erp: 'business-central', sandbox: 'sandbox-business-central' },
])(
  'provisioning ($erp): Closed Won in Salesforce -> project in ERP, PSA and billing',
  ({ erp: erpVendor, sandbox }) => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startTestStack({
        apps: [
          SF,
          'sandbox-kantata',
          sandbox,
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
          ERP_VENDOR: erpVendor,
          CRM_POLL_INTERVAL_MS: '200',
          MESSAGING_RETRY_BASE_MS: '50',
          PROVISIONING_POLL_INTERVAL_MS: '100',
          PROVISIONING_RETRY_MS: '500',
        },
      });
    }, 180_000);
    afterAll(async () => {
      await stack?.stop();
    });

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

    async function openOpportunities(): Promise<Array<Record<string, unknown>>> {
      const sf = await salesforce();
      const q = encodeURIComponent(
        'SELECT Id, External_Id__c, Legal_Entity__c, Billing_Model__c, CurrencyIsoCode, Amount FROM Opportunity WHERE IsClosed = false ORDER BY External_Id__c LIMIT 20',
      );
      const res = await fetch(`${sf.base}/query?q=${q}`, { headers: { Authorization: `Bearer ${sf.token}` } });
      return ((await res.json()) as { records: Array<Record<string, unknown>> }).records;
    }

    async function win(id: string, fields: Record<string, unknown>): Promise<void> {
      const sf = await salesforce();
      const res = await fetch(`${sf.base}/sobjects/Opportunity/${id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${sf.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...fields, StageName: 'Closed Won' }),
      });
      expect(res.status).toBe(204);
    }

    async function provisioningOf(salesforceId: string, until: (p: Provisioning) => boolean): Promise<Provisioning> {
      return waitFor(
        async () => {
          const list = await gw('/process/project-setup/v2/provisionings?limit=200');
          const found = (
            list.body.items as Array<Provisioning & { deal?: { crossReferences?: Record<string, string> } }>
          ).find((p) => p.deal?.crossReferences?.salesforce === salesforceId);
          if (!found) return undefined;
          const one = await gw(`/process/project-setup/v2/provisionings/${found.id}`);
          return until(one.body as Provisioning) ? (one.body as Provisioning) : undefined;
        },
        30_000,
        `provisioning of ${salesforceId}`,
      );
    }

    it('provisions a won deal in every system with matching references and writes the code back', async () => {
      const [target] = await openOpportunities();
      await win(String(target.Id), {
        Billing_Model__c: 'Time_and_Materials',
        Rate_Card__c: 'RC-US-STD-2025',
        Tax_Profile__c: 'US-SERVICES',
        Start_Date__c: '2026-04-01',
        End_Date__c: '2026-09-30',
      });
      const p = await provisioningOf(String(target.Id), (x) =>
        ['provisioned', 'exception', 'failed'].includes(x.status),
      );
      expect(p).toMatchObject({ status: 'provisioned' });
      expect(p.steps!.map((s) => s.name)).toEqual([
        'validate',
        'erp-customer',
        'erp-project',
        'psa-workspace',
        'billing-customer',
        'billing-schedule',
        'crm-write-back',
        'publish',
      ]);
      const ids = Object.assign({}, ...p.steps!.map((s) => s.vendorIds ?? {})) as Record<string, string>;
      const psa = await gw(`/system/psa/v1/projects/${ids.psaProjectId}`);
      expect(psa.status).toBe(200);
      expect(psa.body.code).toBe(ids.projectCode);
      const erp = await gw(`/system/erp/v1/projects/${ids.erpProjectId}`);
      expect(erp.status).toBe(200);
      expect(erp.body.customerId).toBe(ids.erpCustomerId);
      const billing = await gw(`/system/billing/v1/customers/${ids.billingCustomerId}`);
      expect(billing.status).toBe(200);
      expect(billing.body.id).toBe(ids.erpCustomerId);
      const opp = await gw(`/system/crm/v1/opportunities/${p.dealId}`);
      expect(opp.body.projectCode).toBe(ids.projectCode);
      // the latency from the won deal received to provisioned is exported
      const metrics = await (await fetch(`${stack.urls['process-api']}/metrics`)).text();
      expect(metrics).toMatch(/provisioning_latency_seconds_count\{[^}]*legal_entity="US-01"[^}]*\} [1-9]/);
    });

    it('turns bad input into one exception with every reason and creates nothing downstream', async () => {
      const [, target] = await openOpportunities();
      await win(String(target.Id), {
        Billing_Model__c: 'Time_and_Materials',
        Rate_Card__c: null,
        Tax_Profile__c: null,
        Start_Date__c: '2026-09-01',
        End_Date__c: '2026-04-30',
      });
      const p = await provisioningOf(String(target.Id), (x) => x.status !== 'received' && x.status !== 'in-progress');
      expect(p.status).toBe('exception');
      const ex = await gw(
        `/process/operations/v1/exceptions?businessKey=${encodeURIComponent(`opportunity/${p.dealId}`)}`,
      );
      expect(ex.body.items).toHaveLength(1);
      expect(ex.body.items[0]).toMatchObject({ kind: 'provisioning-invalid-opportunity', status: 'open' });
      const reasons = (ex.body.items[0].reasons as string[]).join(' | ');
      expect(reasons).toMatch(/tax profile/);
      expect(reasons).toMatch(/rate card/);
      expect(reasons).toMatch(/end date 2026-04-30 is before the start date/);
      expect(p.steps!.map((s) => s.name)).toEqual(['validate']);
    });

    it('starts by POST too (v2 and v1), idempotent by opportunity: concurrent requests give one project everywhere', async () => {
      const [, , target] = await openOpportunities();
      const canonicalId = String(target.External_Id__c);
      const sf = await salesforce();
      // won in Salesforce without waiting for the CRM poller: the POSTs race the closed_won event
      await win(String(target.Id), {
        Billing_Model__c: 'Fixed_Fee',
        Tax_Profile__c: 'US-SERVICES',
        Start_Date__c: '2026-05-15',
        End_Date__c: '2026-07-31',
      });
      void sf;
      const posts = await Promise.all([
        ...Array.from({ length: 4 }, () =>
          gw('/process/project-setup/v2/provisionings', {
            method: 'POST',
            body: JSON.stringify({ opportunityId: canonicalId }),
          }),
        ),
        gw('/process/project-setup/v1/provisionings', {
          method: 'POST',
          body: JSON.stringify({ opportunityId: canonicalId }),
        }),
      ]);
      for (const res of posts) expect(res.status).toBe(202);
      expect(new Set(posts.map((r) => r.body.id)).size).toBe(1);
      const p = await provisioningOf(String(target.Id), (x) =>
        ['provisioned', 'exception', 'failed'].includes(x.status),
      );
      expect(p.status).toBe('provisioned');
      const code = p.projectCode!;
      const psaProjects = await gw('/system/psa/v1/projects');
      expect((psaProjects.body.items as Array<{ code?: string }>).filter((x) => x.code === code)).toHaveLength(1);
      // fixed fee: one instalment per month from the start date, summing to the contract amount
      const schedule = p.steps!.find((s) => s.name === 'billing-schedule')!;
      expect(Number(schedule.vendorIds!.scheduleItems)).toBe(3);

      const again = await gw('/process/project-setup/v2/provisionings', {
        method: 'POST',
        body: JSON.stringify({ opportunityId: canonicalId }),
      });
      expect(again.body).toMatchObject({ id: p.id, status: 'provisioned' });
    });

    it('answers a POST naming an unknown, open or malformed opportunity with a problem', async () => {
      const [, , , open] = await openOpportunities();
      const post = (body: unknown) =>
        gw('/process/project-setup/v2/provisionings', { method: 'POST', body: JSON.stringify(body) });
      expect((await post({ opportunityId: 'OPP-9999999' })).status).toBe(404);
      const notWon = await post({ opportunityId: String(open.External_Id__c) });
      expect(notWon.status).toBe(409);
      expect(notWon.body.detail).toMatch(/not closed-won/);
      expect((await post({})).status).toBe(400);
    });

    it('turns a negative budget and a currency that disagrees with the entity into reasons', async () => {
      const [, , , , target] = await openOpportunities();
      await win(String(target.Id), {
        Billing_Model__c: 'Fixed_Fee',
        Tax_Profile__c: 'US-SERVICES',
        Start_Date__c: '2026-04-01',
        End_Date__c: '2026-06-30',
        Budget__c: -100,
        // a currency other than the legal entity's
        CurrencyIsoCode: target.Legal_Entity__c === 'US-01' ? 'EUR' : 'USD',
      });
      const p = await provisioningOf(String(target.Id), (x) => x.status !== 'received' && x.status !== 'in-progress');
      expect(p.status).toBe('exception');
      const ex = await gw(
        `/process/operations/v1/exceptions?businessKey=${encodeURIComponent(`opportunity/${p.dealId}`)}`,
      );
      const reasons = (ex.body.items[0].reasons as string[]).join(' | ');
      expect(reasons).toMatch(/budget is negative/);
      expect(reasons).toMatch(/currency (EUR|USD) disagrees with legal entity/);
      expect((await gw(`/system/erp/v1/projects/${p.projectId ?? 'none'}`)).status).toBe(404);
    });

    it('stops on a likely duplicate ERP customer (same normalized name, no cross-reference): no second customer', async () => {
      const sf = await salesforce();
      const create = async (sobject: string, body: Record<string, unknown>) => {
        const res = await fetch(`${sf.base}/sobjects/${sobject}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${sf.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const json = (await res.json()) as { id?: string };
        if (res.status !== 201) throw new Error(`${sobject}: ${res.status} ${JSON.stringify(json)}`);
        return json.id!;
      };
      // the ERP already knows "Zebra Widgets Inc." under another id
      const erp = await gw('/system/erp/v1/customers', {
        method: 'POST',
        body: JSON.stringify({
          id: 'ERP-ZEBRA-1',
          name: 'Zebra Widgets Inc.',
          legalEntityId: 'US-01',
          currency: 'USD',
        }),
      });
      expect(erp.status).toBe(201);
      const accountSfId = await create('Account', {
        Name: 'ZEBRA WIDGETS, LLC',
        External_Id__c: 'ACC-ZEBRA',
        Legal_Entity__c: 'US-01',
        Billing_Country__c: 'US',
        CurrencyIsoCode: 'USD',
      });
      const oppSfId = await create('Opportunity', {
        Name: 'Zebra - data platform',
        AccountId: accountSfId,
        External_Id__c: 'OPP-ZEBRA',
        StageName: 'Prospecting',
        CloseDate: '2026-03-31',
        Amount: 50000,
        CurrencyIsoCode: 'USD',
        Legal_Entity__c: 'US-01',
      });
      await win(oppSfId, {
        Billing_Model__c: 'Time_and_Materials',
        Rate_Card__c: 'RC-US-STD-2025',
        Tax_Profile__c: 'US-SERVICES',
        Start_Date__c: '2026-04-01',
        End_Date__c: '2026-06-30',
      });
      const p = await provisioningOf(oppSfId, (x) => x.status !== 'received' && x.status !== 'in-progress');
      expect(p.status).toBe('exception');
      expect(p.steps!.map((s) => `${s.name}:${s.status}`)).toEqual(['validate:done', 'erp-customer:failed']);
      const ex = await gw(`/process/operations/v1/exceptions?kind=provisioning-duplicate-customer`);
      const mine = (ex.body.items as Array<{ businessKey: string; reasons: string[] }>).find(
        (e) => e.businessKey === `opportunity/${p.dealId}`,
      );
      expect(mine?.reasons.join(' ')).toMatch(/ERP-ZEBRA-1/);
      const customers = (await gw('/system/erp/v1/customers')).body.items as Array<{ id: string; name: string }>;
      expect(customers.filter((c) => /zebra/i.test(c.name))).toHaveLength(1);
    });
  },
);
