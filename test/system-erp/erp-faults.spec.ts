import { Client } from 'pg';
import { ErpHarness, ErpVendorName, HttpResult } from './erp-test-harness';

const VENDORS: Array<{
  vendor: ErpVendorName;
  pathPrefix: string;
  count: (pg: Client, prefix: string) => Promise<Record<string, number>>;
}> = [
  {
    vendor: 'netsuite',
    pathPrefix: '/services/rest/record',
    count: async (pg, prefix) => {
      const rows = await pg.query<{ type: string; n: string }>(
        `SELECT type, count(*) AS n FROM sandbox_netsuite.records
         WHERE fields->>'companyName' LIKE $1 OR fields->>'firstName' LIKE $1 OR fields->>'memo' LIKE $1 OR external_id LIKE $2
         GROUP BY type`,
        [`${prefix}%`, `${prefix.toLowerCase()}%`],
      );
      return Object.fromEntries(rows.rows.map((r) => [r.type, Number(r.n)]));
    },
  },
  {
    vendor: 'business-central',
    pathPrefix: '/v2.0/',
    count: async (pg, prefix) => {
      const rows = await pg.query<{ entity_set: string; n: string }>(
        `SELECT entity_set, count(*) AS n FROM sandbox_business_central.records
         WHERE fields->>'displayName' LIKE $1 OR fields->>'givenName' LIKE $1 OR fields->>'externalDocumentNumber' LIKE $2 OR entity_set = 'timeRegistrationEntries'
         GROUP BY entity_set`,
        [`${prefix}%`, `${prefix.toLowerCase()}%`],
      );
      return Object.fromEntries(rows.rows.map((r) => [r.entity_set, Number(r.n)]));
    },
  },
];

const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });
const N = 6;

/** A caller that retries a failed call a few times (what a process API does). */
async function withRetries(call: () => Promise<HttpResult>): Promise<HttpResult> {
  let res = await call();
  for (let i = 0; i < 4 && res.status >= 500; i++) res = await call();
  return res;
}

/**
 * Under 20% injected failures AFTER the vendor applied the write (the worst case: the record exists
 * but the answer is lost) and 429 bursts, every create through system-erp leaves exactly one record.
 */
describe.each(VENDORS)(
  'exactly one vendor record per create under faults ($vendor)',
  ({ vendor, pathPrefix, count }) => {
    let h: ErpHarness;
    let pg: Client;

    beforeAll(async () => {
      h = await ErpHarness.start(vendor, { HTTP_CLIENT_RETRIES: '6', HTTP_CLIENT_BREAKER_THRESHOLD: '50' });
      pg = new Client({ connectionString: h.db.url });
      await pg.connect();
    });

    afterAll(async () => {
      await pg?.end();
      await h?.stop();
    });

    it('creates customers, projects, employees, time bills and invoices once each', async () => {
      await h.sandboxCall('POST', '/__sandbox/faults', {
        status: 503,
        errorRate: 0.2,
        seed: 42,
        phase: 'after',
        pathPrefix,
      });
      for (let i = 0; i < N; i++) {
        const customer = await withRetries(() =>
          h.call('POST', '/system/erp/v1/customers', {
            id: `fault-cust-${i}`,
            name: `Fault Co ${i}`,
            legalEntityId: 'UK-01',
          }),
        );
        expect(customer.status).toBe(201);
        const project = await withRetries(() =>
          h.call('POST', '/system/erp/v1/projects', {
            id: `fault-proj-${i}`,
            name: `Fault Project ${i}`,
            customerId: `fault-cust-${i}`,
          }),
        );
        expect(project.status).toBe(201);
        const employee = await withRetries(() =>
          h.call('POST', '/system/erp/v1/employees', {
            id: `fault-wrk-${i}`,
            givenName: `Fault ${i}`,
            familyName: 'Worker',
            legalEntityId: 'UK-01',
          }),
        );
        expect(employee.status).toBe(201);
        const timeBill = await withRetries(() =>
          h.call('POST', '/system/erp/v1/time-bills', {
            id: `fault-te-${i}`,
            workerId: `fault-wrk-${i}`,
            projectId: `fault-proj-${i}`,
            date: '2025-06-02',
            minutes: 60,
            role: 'analyst',
            billable: true,
            description: `Fault time ${i}`,
          }),
        );
        expect(timeBill.status).toBe(201);
        const invoice = await withRetries(() =>
          h.call('POST', '/system/erp/v1/invoices', {
            id: `fault-inv-${i}`,
            customerId: `fault-cust-${i}`,
            issueDate: '2025-06-30',
            dueDate: '2025-07-30',
            lines: [
              {
                description: 'Analyst',
                role: 'analyst',
                quantityMinutes: 60,
                unitPrice: gbp(12000),
                amount: gbp(12000),
              },
            ],
          }),
        );
        expect(invoice.status).toBe(201);
      }
      await h.sandboxCall('POST', '/__sandbox/faults', { status: 429, retryAfterSeconds: 1, times: 3, pathPrefix });
      const burst = await withRetries(() =>
        h.call('POST', '/system/erp/v1/customers', {
          id: 'fault-cust-burst',
          name: 'Fault Co burst',
          legalEntityId: 'UK-01',
        }),
      );
      expect(burst.status).toBe(201);
      await h.sandboxCall('DELETE', '/__sandbox/faults');

      const counts = await count(pg, 'Fault');
      if (vendor === 'netsuite')
        expect(counts).toEqual({ customer: N + 1, job: N, employee: N, timebill: N, invoice: N });
      else
        expect(counts).toEqual({
          customers: N + 1,
          projects: N,
          employees: N,
          timeRegistrationEntries: N,
          salesInvoices: N,
        });
    });
  },
);

/** A vendor outage: the circuit opens, callers get a fast 503, and it closes again after recovery. */
describe.each(VENDORS.map((v) => v.vendor))('ERP outage and recovery (%s)', (vendor) => {
  let h: ErpHarness;

  beforeAll(async () => {
    h = await ErpHarness.start(vendor, {
      HTTP_CLIENT_RETRIES: '0',
      HTTP_CLIENT_BREAKER_THRESHOLD: '3',
      HTTP_CLIENT_HALF_OPEN_AFTER_MS: '300',
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('opens the circuit during the outage, answers 503 problem+json fast, and closes after recovery', async () => {
    const customer = { id: 'outage-cust', name: 'Outage Co', legalEntityId: 'UK-01' };
    expect((await h.call('POST', '/system/erp/v1/customers', customer)).status).toBe(201);
    await h.sandboxCall('POST', '/__sandbox/faults', { status: 503 });
    for (let i = 0; i < 3; i++)
      expect((await h.call('GET', '/system/erp/v1/customers/outage-cust')).status).toBeGreaterThanOrEqual(500);
    const started = Date.now();
    const fast = await h.call('GET', '/system/erp/v1/customers/outage-cust');
    expect(fast.status).toBe(503);
    expect(fast.headers.get('content-type')).toContain('application/problem+json');
    expect(Date.now() - started).toBeLessThan(200);
    const metrics = await (await fetch(`${h.erp.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`http_client_circuit_state\\{[^}]*target="${vendor}"[^}]*\\} 1`));

    await h.sandboxCall('DELETE', '/__sandbox/faults');
    await new Promise((r) => setTimeout(r, 400));
    const back = await h.call('GET', '/system/erp/v1/customers/outage-cust');
    expect(back.status).toBe(200);
    const after = await (await fetch(`${h.erp.url}/metrics`)).text();
    expect(after).toMatch(new RegExp(`http_client_circuit_state\\{[^}]*target="${vendor}"[^}]*\\} 0`));
  });
});
