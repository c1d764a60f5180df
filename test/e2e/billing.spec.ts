/**
 * Time to invoice on the demo firm, end to end over real HTTP on a real PostgreSQL, every app behind the
 * gateway's internal token: approvals in the Kantata sandbox -> system-psa's change feed (time.approved,
 * expense.approved) -> process-api's billing intake -> a billing run (preview, four-eyes approval) ->
 * system-billing (Stripe sandbox: create, finalize, send) and system-erp (NetSuite sandbox: create, post).
 *
 * The amounts below are computed by hand from the demo firm's fixed data (apps/sandbox/src/common/
 * demo-firm): project PRJ-0005 (DE-01, EUR, time and materials, customer ACC-0005 billed in Germany),
 * rate card RC-DE-STD-2025 version of 2025-01-01 (manager 310.00, senior consultant 250.00, analyst
 * 115.00 per hour), German VAT 19 % (ERP tax table DE-01/DE from 2021-01-01). Entries approved here:
 *
 *   W00132 manager            2025-06-25 330 min  -> 330 x 31000 / 60 = 170500
 *   W00189 senior-consultant  2025-06-25 270 min  \
 *   W00189 senior-consultant  2025-06-26 360 min  /  630 x 25000 / 60 = 262500
 *   W00166 analyst            2025-06-25 480 min  -> 480 x 11500 / 60 =  92000
 *   expense (meals, W00189)   2025-06-26          ->                      6400
 *
 *   tax per line: 92000 x 0.19 = 17480; 170500 x 0.19 = 32395; 262500 x 0.19 = 49875; 6400 x 0.19 = 1216
 *   subtotal 531400, tax 100966, total 632366 (EUR minor units)
 *
 * The demo firm's projects predate the integration (no provisioning of ours), so the test records
 * PRJ-0005 as provisioned (as a migration of existing projects would) for ContractPricing to price it.
 */
import { Client } from 'pg';
import { startTestStack, TestStack } from '@app/testing';

const DEMO_KEY = 'billing-e2e-demo-key-0123456789abcdef';
const PROJECT = 'PRJ-0005';
const HAND = {
  lines: [
    { kind: 'time', role: 'analyst', minutes: 480, rateMinor: 11500, amountMinor: 92000, taxMinor: 17480 },
    { kind: 'time', role: 'manager', minutes: 330, rateMinor: 31000, amountMinor: 170500, taxMinor: 32395 },
    { kind: 'time', role: 'senior-consultant', minutes: 630, rateMinor: 25000, amountMinor: 262500, taxMinor: 49875 },
    { kind: 'expense', role: null, minutes: null, rateMinor: null, amountMinor: 6400, taxMinor: 1216 },
  ],
  subtotalMinor: 531400,
  taxMinor: 100966,
  totalMinor: 632366,
};
/** Worker, date and minutes of the entries approved (the demo firm's unapproved entries of PRJ-0005). */
const ENTRIES = [
  { workerId: 'W00132', date: '2025-06-25', minutes: 330 },
  { workerId: 'W00189', date: '2025-06-25', minutes: 270 },
  { workerId: 'W00189', date: '2025-06-26', minutes: 360 },
  { workerId: 'W00166', date: '2025-06-25', minutes: 480 },
];

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('billing: approved time and expenses -> one invoice in Stripe and the ERP, to the cent', () => {
  let stack: TestStack;
  let pg: Client;
  let starterKey: string;
  let approverKey: string;
  let kantataToken: string | undefined;

  const sql = async <T = any>(q: string, params: unknown[] = []): Promise<T[]> =>
    (await pg.query(q, params)).rows as T[];

  const gw = async (key: string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${stack.urls.gateway}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'X-API-Key': key, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  };

  const kantata = async (method: string, path: string, body?: unknown) => {
    if (!kantataToken) {
      const res = await fetch(`${stack.urls['sandbox-kantata']}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: 'demo-client',
          client_secret: 'demo-secret',
        }),
      });
      kantataToken = ((await res.json()) as { access_token: string }).access_token;
    }
    const res = await fetch(`${stack.urls['sandbox-kantata']}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${kantataToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.json() as Promise<any>;
  };

  async function consumer(name: string, scopes: string[]): Promise<string> {
    const admin = async (path: string, body: unknown) => {
      const res = await gw(DEMO_KEY, `/gateway/admin/v1${path}`, { method: 'POST', body });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown>;
    };
    await admin('/consumers', { name, kind: 'partner', plan: 'internal', scopes, legalEntities: null });
    return (await admin(`/consumers/${name}/keys`, {})).key as string;
  }

  beforeAll(async () => {
    stack = await startTestStack({
      apps: [
        'sandbox-kantata',
        'sandbox-netsuite',
        'sandbox-stripe',
        'sandbox-salesforce',
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
        ERP_VENDOR: 'netsuite',
        PSA_POLL_INTERVAL_MS: '200',
        PSA_POLL_OVERLAP_MS: '1000',
        CRM_POLL_INTERVAL_MS: '60000',
        ERP_POLL_INTERVAL_MS: '60000',
        MESSAGING_POLL_INTERVAL_MS: '200',
        MESSAGING_RETRY_BASE_MS: '50',
        BILLING_RUN_POLL_INTERVAL_MS: '100',
        BILLING_RUN_RETRY_MS: '200',
      },
    });
    pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    // The PSA feeds start at "now": the demo firm's history emits nothing.
    await waitFor(
      async () => ((await sql(`select count(*)::int n from system_psa.poll_cursors`))[0].n >= 3 ? true : undefined),
      60_000,
      'the first PSA poll',
    );
    // The ERP posts every line under the item its role (time) or kind (expense, milestone, fixed-fee,
    // retainer) maps to; the demo firm's NetSuite has service items only, so expenses post under item 1.
    const mapped = await gw(DEMO_KEY, '/system/erp/v1/mappings/items/expense', {
      method: 'PUT',
      body: { target: '1', billingClass: 'expenses' },
    });
    expect(mapped.status).toBe(200);
    starterKey = await consumer('billing-clerk', ['billing:read', 'billing:write']);
    approverKey = await consumer('billing-controller', ['billing:read', 'billing:write', 'billing-approver']);
    await sql(
      `insert into process.provisionings (id, opportunity_id, status, opportunity, source_event_id, correlation_id,
         received_at, updated_at, project_id, project_code, attempts, provisioned_at)
       values (gen_random_uuid(), 'OPP-DEMO-PRJ-0005', 'provisioned', $1, gen_random_uuid(), 'billing-e2e', now(), now(),
         $2, 'DE-01-2025-PRJ0005', 0, now())`,
      [
        JSON.stringify({
          accountId: 'ACC-0005',
          amount: { amountMinor: 24000000, currency: 'EUR' },
          legalEntity: 'DE-01',
        }),
        PROJECT,
      ],
    );
  }, 180_000);

  afterAll(async () => {
    await pg?.end();
    await stack?.stop();
  }, 120_000);

  let runId: string;
  let invoiceId: string;

  it('intake: approvals in the PSA become billable items with their source references', async () => {
    const page = await gw(
      DEMO_KEY,
      `/system/psa/v1/time-entries?projectId=${PROJECT}&status=unapproved&from=2025-06-25&to=2025-06-30`,
    );
    expect(page.status).toBe(200);
    const entries = page.body.items as Array<{
      id: string;
      workerId: string;
      date: string;
      minutes: number;
      crossReferences: { kantata: string };
    }>;
    const chosen = ENTRIES.map((e) => {
      const found = entries.find((x) => x.workerId === e.workerId && x.date === e.date);
      expect(found).toMatchObject({ minutes: e.minutes });
      return found!;
    });
    for (const e of chosen)
      await kantata('PUT', `/time_entries/${e.crossReferences.kantata}`, { time_entry: { approved: true } });
    const expenses = await gw(DEMO_KEY, `/system/psa/v1/expenses?projectId=${PROJECT}`);
    const meals = (
      expenses.body.items as Array<{
        status: string;
        amount: { amountMinor: number };
        crossReferences: { kantata: string };
      }>
    ).find((x) => x.status === 'submitted' && x.amount.amountMinor === 6400);
    expect(meals).toBeDefined();
    await kantata('PUT', `/expenses/${meals!.crossReferences.kantata}`, { expense: { approved: true } });

    const items = await waitFor(
      async () => {
        const rows = await sql(
          `select kind, source_id, version, change, worker_id, work_date::text as work_date, minutes, amount_minor, approved_at, status
             from process.billable_items where project_id = $1 order by kind, source_id`,
          [PROJECT],
        );
        return rows.length === 5 ? rows : undefined;
      },
      30_000,
      'five billable items',
    );
    expect(
      items
        .filter((i) => i.kind === 'time')
        .map((i) => i.source_id)
        .sort(),
    ).toEqual(chosen.map((e) => e.id).sort());
    expect(items.every((i) => i.version === 1 && i.change === 'original' && i.status === 'open' && i.approved_at)).toBe(
      true,
    );
    expect(items.find((i) => i.kind === 'expense')).toMatchObject({ amount_minor: '6400', minutes: null });
  }, 60_000);

  it('bad input is a problem+json naming the problem', async () => {
    const bad = await gw(starterKey, '/process/billing/v1/billing-runs', {
      method: 'POST',
      body: { period: { from: '2025-06-30', to: '2025-06-01' }, legalEntity: 'DE-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(bad.body)).toMatch(/period\.to/);
    const missing = await gw(starterKey, '/process/billing/v1/billing-runs', {
      method: 'POST',
      body: { period: { from: '2025-06-01' } },
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toMatch(/legalEntity/);
    expect(JSON.stringify(missing.body)).toMatch(/to/);
    const notUuid = await gw(starterKey, '/process/billing/v1/billing-runs/not-a-run');
    expect(notUuid.status).toBe(400);
    const unknown = await gw(starterKey, '/process/billing/v1/billing-runs/0190a0b0-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/application\/problem\+json/);
    const lineage = await gw(starterKey, '/process/billing/v1/invoices/INV-1/lineage');
    expect(lineage.status).toBe(400);
  });

  it('preview: one invoice for the customer, project and currency, equal to the hand-computed amounts', async () => {
    const started = await gw(starterKey, '/process/billing/v1/billing-runs', {
      method: 'POST',
      body: { period: { from: '2025-06-01', to: '2025-06-30' }, legalEntity: 'DE-01', projects: [PROJECT] },
    });
    expect(started.status).toBe(201);
    runId = started.body.id;
    expect(started.body).toMatchObject({ status: 'awaiting-approval', approvedBy: null, dryRun: false });
    const invoices = started.body.preview.invoices;
    expect(invoices).toHaveLength(1);
    const [inv] = invoices;
    invoiceId = inv.id;
    expect(inv).toMatchObject({
      customerId: 'ACC-0005',
      projectId: PROJECT,
      contractId: 'CTR-0005',
      currency: 'EUR',
      subtotalMinor: HAND.subtotalMinor,
      taxMinor: HAND.taxMinor,
      totalMinor: HAND.totalMinor,
    });
    expect(
      inv.lines.map((l: any) => ({
        kind: l.kind,
        role: l.role,
        minutes: l.minutes,
        rateMinor: l.rateMinor,
        amountMinor: l.amountMinor,
        taxMinor: l.taxMinor,
      })),
    ).toEqual(HAND.lines);
    expect(started.body.preview.held).toEqual([]);
  }, 30_000);

  it('four-eyes: the consumer who started the run may not approve it', async () => {
    const refused = await gw(starterKey, `/process/billing/v1/billing-runs/${runId}/approve`, { method: 'POST' });
    expect(refused.status).toBe(403); // the gateway: billing-approver missing
    expect(refused.type).toMatch(/application\/problem\+json/);
    // Even with every scope, the starter is not a second person.
    const selfStart = await gw(approverKey, '/process/billing/v1/billing-runs', {
      method: 'POST',
      body: { period: { from: '2025-06-01', to: '2025-06-30' }, legalEntity: 'DE-01', projects: ['PRJ-9999'] },
    });
    expect(selfStart.status).toBe(201);
    const self = await gw(approverKey, `/process/billing/v1/billing-runs/${selfStart.body.id}/approve`, {
      method: 'POST',
    });
    expect(self.status).toBe(403);
    expect(self.type).toMatch(/application\/problem\+json/);
    expect(self.body.type).toMatch(/four-eyes-required/);
    expect((await gw(starterKey, `/process/billing/v1/billing-runs/${runId}`)).body).toMatchObject({
      status: 'awaiting-approval',
      approvedBy: null,
    });
  });

  it('approval by another consumer bills the invoice once in Stripe and the ERP, with the same amounts', async () => {
    const approved = await gw(approverKey, `/process/billing/v1/billing-runs/${runId}/approve`, { method: 'POST' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('running');
    expect(approved.body.approvedBy).not.toBeNull();
    expect(approved.body.approvedBy).not.toBe(approved.body.startedBy);
    expect(approved.body.invoices.map((i: any) => i.id)).toEqual([invoiceId]);
    const again = await gw(approverKey, `/process/billing/v1/billing-runs/${runId}/approve`, { method: 'POST' });
    expect(again.status).toBe(409);

    let seen: unknown;
    const done = await waitFor(
      async () => {
        const r = await gw(starterKey, `/process/billing/v1/billing-runs/${runId}`);
        seen = r.body.invoices;
        return r.body.status === 'running' ? undefined : r.body;
      },
      45_000,
      'the run to finish',
    ).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(seen)}`);
    });
    expect(done).toMatchObject({
      status: 'completed',
      percent: 100,
      invoicesTotal: 1,
      invoicesDone: 1,
      invoicesFailed: 0,
      errors: [],
    });
    expect(done.invoices[0].stepsDone).toEqual([
      'billing-customer',
      'billing-create',
      'billing-finalize',
      'billing-send',
      'erp-create',
      'erp-post',
      'psa-invoice',
      'crm-invoice',
    ]);

    const billing = await gw(DEMO_KEY, `/system/billing/v1/invoices/${invoiceId}`);
    expect(billing.status).toBe(200);
    expect(billing.body).toMatchObject({
      status: 'finalized',
      currency: 'EUR',
      subtotal: { amountMinor: HAND.subtotalMinor },
      tax: { amountMinor: HAND.taxMinor },
      total: { amountMinor: HAND.totalMinor },
    });
    const erp = await gw(DEMO_KEY, `/system/erp/v1/invoices/${invoiceId}`);
    expect(erp.status).toBe(200);
    expect(erp.body.status).toBe('posted');
    expect((erp.body.lines as Array<{ amount: { amountMinor: number } }>).map((l) => l.amount.amountMinor)).toEqual(
      HAND.lines.map((l) => l.amountMinor),
    );
    expect(await stripeInvoices()).toBe(1);
    expect(await erpInvoices()).toBe(1);

    // The PSA marks the billed entries invoiced under the same invoice; the CRM holds its record.
    const psa = await gw(DEMO_KEY, `/system/psa/v1/invoices/${invoiceId}`);
    expect(psa.status).toBe(200);
    expect(psa.body.timeEntryIds).toHaveLength(ENTRIES.length);
    expect(psa.body.expenseIds).toHaveLength(1);
    const billed = await gw(DEMO_KEY, `/system/psa/v1/time-entries?projectId=${PROJECT}&from=2025-06-25&to=2025-06-26`);
    const invoiced = (billed.body.items as Array<{ id: string; status: string }>).filter((e) =>
      (psa.body.timeEntryIds as string[]).includes(e.id),
    );
    expect(invoiced.map((e) => e.status)).toEqual(ENTRIES.map(() => 'invoiced'));
    const crm = await gw(DEMO_KEY, `/system/crm/v1/invoices/${invoiceId}`);
    expect(crm.status).toBe(200);
    expect(crm.body).toMatchObject({
      customerId: 'ACC-0005',
      total: { amountMinor: HAND.totalMinor, currency: 'EUR' },
    });
  }, 60_000);

  const stripeInvoices = async () =>
    (
      await sql(
        `select count(*)::int n from sandbox_stripe.objects where type = 'invoice' and data->'metadata'->>'canonical_id' = $1`,
        [invoiceId],
      )
    )[0].n as number;
  const erpInvoices = async () =>
    (
      await sql(`select count(*)::int n from sandbox_netsuite.records where type = 'invoice' and external_id = $1`, [
        invoiceId,
      ])
    )[0].n as number;

  it('lineage: every line traces to its entries, approvals, rate-card version and contract; shares add up', async () => {
    const res = await gw(starterKey, `/process/billing/v1/invoices/${invoiceId}/lineage`);
    expect(res.status).toBe(200);
    const lineage = res.body;
    expect(lineage).toMatchObject({ invoiceId, runId, contractId: 'CTR-0005', totalMinor: HAND.totalMinor });
    expect(lineage.lines).toHaveLength(HAND.lines.length);
    for (const line of lineage.lines) {
      expect(line.contractId).toBe('CTR-0005');
      expect(line.sources.length).toBeGreaterThan(0);
      for (const s of line.sources) {
        expect(s.approvedAt).toEqual(expect.any(String));
        expect(s.sourceEventId).toEqual(expect.any(String));
      }
      expect(line.sources.reduce((a: number, s: any) => a + s.allocatedMinor, 0)).toBe(line.amountMinor);
      expect(line.sources.reduce((a: number, s: any) => a + s.allocatedTaxMinor, 0)).toBe(line.taxMinor);
      if (line.kind === 'time') {
        expect(line.rateCardVersion).toEqual(expect.any(String));
        expect(line.sources.reduce((a: number, s: any) => a + s.minutes, 0)).toBe(line.minutes);
        expect(line.sources.every((s: any) => s.kind === 'time' && s.rateMinor === line.rateMinor)).toBe(true);
      }
    }
    const senior = lineage.lines.find((l: any) => l.role === 'senior-consultant');
    expect(senior.sources.map((s: any) => [s.workDate, s.minutes, s.exactShare, s.allocatedMinor])).toEqual([
      ['2025-06-25', 270, '112500', 112500], // 270 x 25000 / 60
      ['2025-06-26', 360, '150000', 150000], // 360 x 25000 / 60
    ]);
  });

  it('a rerun bills nothing twice: nothing left to bill, still one invoice in Stripe and the ERP', async () => {
    const rerun = await gw(starterKey, '/process/billing/v1/billing-runs', {
      method: 'POST',
      body: { period: { from: '2025-06-01', to: '2025-06-30' }, legalEntity: 'DE-01', projects: [PROJECT] },
    });
    expect(rerun.status).toBe(201);
    expect(rerun.body.preview.invoices).toEqual([]);
    const approved = await gw(approverKey, `/process/billing/v1/billing-runs/${rerun.body.id}/approve`, {
      method: 'POST',
    });
    expect(approved.body).toMatchObject({ status: 'completed', invoicesTotal: 0 });
    expect(await stripeInvoices()).toBe(1);
    expect(await erpInvoices()).toBe(1);
    expect((await sql(`select count(*)::int n from process.billing_line_items`))[0].n).toBe(5);
  }, 30_000);

  it('holds what cannot be billed, with its reason and one business exception per project and reason', async () => {
    // PRJ-0017 (DE-01, T&M) was never provisioned by us: ContractPricing knows no rate card for it.
    const page = await gw(
      DEMO_KEY,
      '/system/psa/v1/time-entries?projectId=PRJ-0017&status=unapproved&from=2025-06-25&to=2025-06-25',
    );
    const entry = (page.body.items as Array<{ id: string; crossReferences: { kantata: string } }>)[0];
    await kantata('PUT', `/time_entries/${entry.crossReferences.kantata}`, { time_entry: { approved: true } });
    await waitFor(
      async () =>
        (await sql(`select 1 from process.billable_items where source_id = $1`, [entry.id])).length ? true : undefined,
      30_000,
      'the PRJ-0017 item',
    );
    const run = await gw(starterKey, '/process/billing/v1/billing-runs', {
      method: 'POST',
      body: { period: { from: '2025-06-01', to: '2025-06-30' }, legalEntity: 'DE-01', projects: ['PRJ-0017'] },
    });
    expect(run.body.preview.invoices).toEqual([]);
    expect(run.body.preview.held).toEqual([
      expect.objectContaining({ sourceId: entry.id, projectId: 'PRJ-0017', reason: 'missing-rate' }),
    ]);
    const approved = await gw(approverKey, `/process/billing/v1/billing-runs/${run.body.id}/approve`, {
      method: 'POST',
    });
    expect(approved.body).toMatchObject({ status: 'completed', invoicesTotal: 0 });
    expect(
      await sql(`select status, hold_reason from process.billable_items where source_id = $1`, [entry.id]),
    ).toEqual([{ status: 'held', hold_reason: 'missing-rate' }]);
    const exceptions = await gw(
      DEMO_KEY,
      `/process/operations/v1/exceptions?businessKey=${encodeURIComponent('billing/PRJ-0017/missing-rate')}`,
    );
    expect(exceptions.body.items).toHaveLength(1);
    expect(exceptions.body.items[0]).toMatchObject({ kind: 'billing-item-held', status: 'open', legalEntity: 'DE-01' });
    expect(exceptions.body.items[0].reasons.join(' ')).toContain(entry.id);
  }, 60_000);

  it('a milestone completed in the PSA is billed at its amount with UK VAT (hand-computed)', async () => {
    // PRJ-0008 (UK-01, GBP, milestone billing, customer ACC-0008 billed in GB, budget 275,000.00):
    // milestone MS-0008-2 = 91,666.67 -> VAT 20 % = 18,333.334 -> 18,333.33; total 110,000.00.
    const mapped = await gw(DEMO_KEY, '/system/erp/v1/mappings/items/milestone', {
      method: 'PUT',
      body: { target: '1', billingClass: 'milestone' },
    });
    expect(mapped.status).toBe(200);
    const milestones = await gw(DEMO_KEY, '/system/psa/v1/projects/PRJ-0008/milestones');
    const ms = (
      milestones.body.items as Array<{
        id: string;
        amount: { amountMinor: number };
        crossReferences: { kantata: string };
      }>
    ).find((m) => m.amount.amountMinor === 9166667);
    expect(ms).toBeDefined();
    await kantata('PUT', `/stories/${ms!.crossReferences.kantata}`, { story: { state: 'completed' } });
    const item = await waitFor(
      async () =>
        (
          await sql(`select work_date::text as d, amount_minor from process.billable_items where source_id = $1`, [
            ms!.id,
          ])
        )[0],
      30_000,
      'the milestone item',
    );
    expect(item.amount_minor).toBe('9166667');
    const run = await gw(starterKey, '/process/billing/v1/billing-runs', {
      method: 'POST',
      body: { period: { from: item.d, to: item.d }, legalEntity: 'UK-01', projects: ['PRJ-0008'] },
    });
    expect(run.status).toBe(201);
    expect(run.body.preview.invoices).toHaveLength(1);
    const [inv] = run.body.preview.invoices;
    expect(inv).toMatchObject({ currency: 'GBP', subtotalMinor: 9166667, taxMinor: 1833333, totalMinor: 11000000 });
    expect(inv.lines).toEqual([
      expect.objectContaining({ kind: 'milestone', amountMinor: 9166667, taxMinor: 1833333, sourceIds: [ms!.id] }),
    ]);
    await gw(approverKey, `/process/billing/v1/billing-runs/${run.body.id}/approve`, { method: 'POST' });
    const done = await waitFor(
      async () => {
        const r = await gw(starterKey, `/process/billing/v1/billing-runs/${run.body.id}`);
        return r.body.status === 'running' ? undefined : r.body;
      },
      45_000,
      'the milestone run',
    );
    expect(done).toMatchObject({ status: 'completed', invoicesDone: 1 });
    const billing = await gw(DEMO_KEY, `/system/billing/v1/invoices/${inv.id}`);
    expect(billing.body).toMatchObject({ total: { amountMinor: 11000000, currency: 'GBP' } });
    const lineage = await gw(starterKey, `/process/billing/v1/invoices/${inv.id}/lineage`);
    expect(lineage.body.lines[0].sources).toEqual([
      expect.objectContaining({
        kind: 'milestone',
        sourceId: ms!.id,
        allocatedMinor: 9166667,
        allocatedTaxMinor: 1833333,
      }),
    ]);
  }, 90_000);

  it('fixed-fee instalments and retainer drawdowns due in the period, hand-computed; one cent over the cap is held', async () => {
    // The provisioning's billing schedule, as it records it (provisioning e2e covers how): DE-01, EUR, 19 % VAT.
    //   PRJ-0006 (fixed fee, budget 154,300.75): 51,433.58 due 2025-06-15 -> VAT 9,772.3802 -> 9,772.38
    //            and 102,867.18 due 2025-06-30, which would bring it to 154,300.76: one cent over -> held
    //   PRJ-0020 (retainer): drawdown 25,895.83 due 2025-06-01 -> VAT 4,920.2077 -> 4,920.21
    for (const kind of ['fixed-fee', 'retainer']) {
      const mapped = await gw(DEMO_KEY, `/system/erp/v1/mappings/items/${kind}`, {
        method: 'PUT',
        body: { target: '1', billingClass: kind },
      });
      expect(mapped.status).toBe(200);
    }
    const schedule: Array<[string, number, string, string, number]> = [
      ['PRJ-0006', 1, 'instalment', '2025-06-15', 5143358],
      ['PRJ-0006', 2, 'instalment', '2025-06-30', 10286718],
      ['PRJ-0020', 1, 'retainer-drawdown', '2025-06-01', 2589583],
    ];
    for (const [project, sequence, kind, due, amount] of schedule) {
      await sql(
        `insert into process.billing_schedule_items
           (id, provisioning_id, project_id, legal_entity, sequence, kind, description, due_date, amount_minor, currency, status)
         values (gen_random_uuid(), gen_random_uuid(), $1, 'DE-01', $2, $3, $4, $5, $6, 'EUR', 'scheduled')`,
        [project, sequence, kind, `${kind} ${sequence}`, due, amount],
      );
    }
    const run = await gw(starterKey, '/process/billing/v1/billing-runs', {
      method: 'POST',
      body: {
        period: { from: '2025-06-01', to: '2025-06-30' },
        legalEntity: 'DE-01',
        projects: ['PRJ-0006', 'PRJ-0020'],
      },
    });
    expect(run.status).toBe(201);
    const invoices = run.body.preview.invoices as Array<any>;
    expect(
      invoices.map((i) => [i.projectId, i.lines.map((l: any) => [l.kind, l.amountMinor, l.taxMinor]), i.totalMinor]),
    ).toEqual([
      ['PRJ-0006', [['fixed-fee', 5143358, 977238]], 6120596],
      ['PRJ-0020', [['retainer', 2589583, 492021]], 3081604],
    ]);
    expect(run.body.preview.held).toEqual([
      expect.objectContaining({ projectId: 'PRJ-0006', kind: 'fixed-fee', reason: 'fixed-fee-cap-reached' }),
    ]);
    const approved = await gw(approverKey, `/process/billing/v1/billing-runs/${run.body.id}/approve`, {
      method: 'POST',
    });
    expect(approved.status).toBe(200);
    const done = await waitFor(
      async () => {
        const r = await gw(starterKey, `/process/billing/v1/billing-runs/${run.body.id}`);
        return r.body.status === 'running' ? undefined : r.body;
      },
      45_000,
      'the fee run',
    );
    expect(done).toMatchObject({ status: 'completed', invoicesDone: 2, invoicesFailed: 0 });
    // The progress stream of a finished run: its last progress, then done.
    const stream = await fetch(`${stack.urls.gateway}/process/billing/v1/billing-runs/${run.body.id}/events`, {
      headers: { 'X-API-Key': starterKey },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = await stream.text();
    expect(events).toMatch(/^event: progress\ndata: \{.*"percent":100.*\}\n\nevent: done\n/);
    for (const inv of invoices) {
      const billing = await gw(DEMO_KEY, `/system/billing/v1/invoices/${inv.id}`);
      expect(billing.body.total).toEqual({ amountMinor: inv.totalMinor, currency: 'EUR' });
    }
  }, 90_000);
});
