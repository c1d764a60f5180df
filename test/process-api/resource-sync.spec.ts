/**
 * Resource sync end to end on one database, every hop real HTTP: Workday sandbox -> system-hris change
 * feed (worker.changed) -> process-api resource sync -> through the gateway -> system-erp (NetSuite
 * sandbox) and system-psa (Kantata sandbox). Covers the hire, the inactive-worker exception with billing
 * held, assignment versions, the reconciliation API with legal-entity isolation, and the personal-data
 * test (the seeded personal values appear nowhere outside the Workday sandbox: tables of every other
 * schema, events, logs of every app).
 */
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { EventTypes } from '@app/contracts';
import { newEvent } from '@app/messaging';
import { startTestStack, TestStack } from '@app/testing';
import { crmPublisher } from './process-api-test-kit';
import { SystemErpClient, SystemPsaClient } from '../../apps/process-api/src/common/system-apis';
import { ReconciliationService } from '../../apps/process-api/src/resource-sync/reconciliation.service';

const DEMO_KEY = 'resource-sync-demo-key-0123456789abcdef';

const PERSONAL = {
  personalEmail: 'grace.private.4417@homemail.example',
  dateOfBirth: '1979-04-23',
  homeAddress: '7 Quarry Hill Road, Leeds LS2 7EW, United Kingdom',
};

const NEW_HIRE = {
  givenName: 'Grace',
  familyName: 'Hopper',
  jobProfile: 'Senior Consultant',
  legalEntity: 'UK-01',
  costCenter: 'UK-100',
  location: 'LON',
  managerId: 'W00002',
  hireDate: '2025-03-03',
  hourlyCostRate: '91.20',
  ...PERSONAL,
};

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('resource sync (HRIS -> PSA and ERP through the gateway)', () => {
  let stack: TestStack;
  let pg: Client;
  const logs: string[] = [];

  const sql = async <T = any>(q: string, params: unknown[] = []): Promise<T[]> =>
    (await pg.query(q, params)).rows as T[];
  const workday = async (path: string, body?: unknown) => {
    const res = await fetch(`${stack.urls['sandbox-workday']}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`workday ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  /** process-api through the gateway, as the demo consumer (every scope, no legal-entity binding). */
  const process = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.urls.gateway}${path}`, { ...init, headers: { 'X-API-Key': DEMO_KEY, ...(init.headers ?? {}) } });
  const stateOf = (workerId: string) =>
    sql(`select *, termination_date::text as termination_day from process.worker_sync_states where worker_id = $1`, [
      workerId,
    ]).then((r) => r[0]);

  beforeAll(async () => {
    stack = await startTestStack({
      apps: [
        'sandbox-workday',
        'sandbox-kantata',
        'sandbox-netsuite',
        'system-hris',
        'system-psa',
        'system-erp',
        'gateway',
        'process-api',
      ],
      logger: true,
      env: {
        DEMO_API_KEY: DEMO_KEY,
        INTERNAL_AUTH: 'required',
        LOG_LEVEL: 'debug',
        HRIS_POLL_INTERVAL_MS: '300',
        HRIS_POLL_OVERLAP_MS: '1000',
        PSA_POLL_INTERVAL_MS: '60000',
        ERP_POLL_INTERVAL_MS: '60000',
        MESSAGING_POLL_INTERVAL_MS: '200',
        MESSAGING_MAX_ATTEMPTS: '3',
        MESSAGING_RETRY_BASE_MS: '100',
        // The demo firm's cost centres (apps/sandbox/src/common/demo-firm/workers.ts).
        RESOURCE_SYNC_COST_CENTRES: 'US-100,US-200,US-300,DE-100,DE-200,UK-100,UK-200',
      },
      logDestination: new Writable({
        write(chunk: Buffer, _enc, done) {
          logs.push(chunk.toString());
          done();
        },
      }),
    });
    pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    // The HRIS feed's first poll records the workforce without events.
    await waitFor(
      async () => ((await sql(`select count(*)::int n from system_hris.poll_cursors`))[0].n > 0 ? true : undefined),
      60_000,
      'the first HRIS poll',
    );
  }, 180_000);

  afterAll(async () => {
    await stack?.get('process-api').app?.get(ReconciliationService).settle();
    await pg?.end();
    await stack?.stop();
  }, 120_000);

  const erp = () => stack.get('process-api').app!.get(SystemErpClient);
  const psa = () => stack.get('process-api').app!.get(SystemPsaClient);
  /** The user as the Kantata sandbox stores it (Kantata's own fields). */
  const kantataUser = async (email: string) =>
    (
      await sql(
        `select data from sandbox_kantata.records where type = 'users' and lower(data->>'email_address') = $1`,
        [email.toLowerCase()],
      )
    ).map((r) => r.data);
  /** The employee as the NetSuite sandbox stores it. */
  const netsuiteEmployee = async (workerId: string) =>
    (
      await sql(`select fields from sandbox_netsuite.records where type = 'employee' and external_id = $1`, [workerId])
    )[0]?.fields;
  const waitForState = (workerId: string, done: (s: any) => boolean, what: string) =>
    waitFor(
      async () => {
        const s = await stateOf(workerId);
        return s && done(s) ? s : undefined;
      },
      60_000,
      what,
    );

  it('each lifecycle event reaches the PSA user and the ERP employee (cost rate, transfer, leave, return, termination)', async () => {
    const { employeeId } = await workday('/__sandbox/workers', NEW_HIRE);
    // Hire: the ERP employee with the hourly cost rate in minor units, the PSA user created.
    const state = await waitForState(employeeId, () => true, `the sync of ${employeeId}`);
    expect(state).toMatchObject({
      legal_entity: 'UK-01',
      status: 'active',
      cost_centre: 'UK-100',
      role: 'senior-consultant',
      last_lifecycle: 'hire',
      erp_outcome: 'synced',
      psa_outcome: 'created',
      cost_rate_minor: '9120',
    });
    const employee = (await erp().getEmployee(employeeId)) as any;
    expect(employee).toMatchObject({
      id: employeeId,
      givenName: 'Grace',
      familyName: 'Hopper',
      legalEntityId: 'UK-01',
      costRate: { amountMinor: 9120, currency: 'GBP' },
      hireDate: '2025-03-03',
      active: true,
    });
    expect(employee.terminationDate).toBeUndefined();
    // Payroll cost and bill rates stay apart: the ERP employee carries no bill rate...
    expect(Object.keys(employee).filter((k) => /bill|price/i.test(k))).toEqual([]);
    expect(await netsuiteEmployee(employeeId)).toMatchObject({
      laborCost: 91.2,
      hireDate: '2025-03-03',
      isInactive: false,
    });
    // ...and the PSA user no cost rate (nor any rate), in the system API and in Kantata itself.
    const user = (await psa().getUser(employeeId)) as any;
    expect(user).toMatchObject({
      id: employeeId,
      workerId: employeeId,
      name: 'Grace Hopper',
      active: true,
      role: 'senior-consultant',
    });
    expect(Object.keys(user).filter((k) => /cost|rate|price/i.test(k))).toEqual([]);
    const [kantata] = await kantataUser(user.email);
    expect(kantata).toMatchObject({ full_name: 'Grace Hopper', disabled: false });
    expect(Object.keys(kantata).filter((k) => /cost|rate|price|cents/i.test(k))).toEqual([]);
    expect(await kantataUser(user.email)).toHaveLength(1);

    // Transfer: the ERP employee moves with its cost rate in the new entity's currency; the PSA user is kept.
    await workday(`/__sandbox/workers/${employeeId}/job-change`, { legalEntity: 'US-01', costCenter: 'US-200' });
    await waitForState(employeeId, (s) => s.last_lifecycle === 'transfer', 'the transfer');
    expect(await stateOf(employeeId)).toMatchObject({
      legal_entity: 'US-01',
      cost_centre: 'US-200',
      psa_outcome: 'synced',
    });
    expect(await erp().getEmployee(employeeId)).toMatchObject({
      legalEntityId: 'US-01',
      costRate: { amountMinor: 9120, currency: 'USD' },
      active: true,
    });
    expect(await psa().getUser(employeeId)).toMatchObject({ active: true });

    // Leave: the user stays (time before the leave is still approved); no assignments, so no exception.
    await workday(`/__sandbox/workers/${employeeId}/leave`);
    await waitForState(employeeId, (s) => s.status === 'on-leave', 'leave');
    expect(await stateOf(employeeId)).toMatchObject({ last_lifecycle: 'leave', psa_outcome: 'synced' });
    expect(await psa().getUser(employeeId)).toMatchObject({ active: true });
    expect(await erp().getEmployee(employeeId)).toMatchObject({ active: true });
    await workday(`/__sandbox/workers/${employeeId}/return`);
    await waitForState(employeeId, (s) => s.status === 'active', 'return');
    expect(await stateOf(employeeId)).toMatchObject({ last_lifecycle: 'return' });
    expect(
      await sql(`select * from process.business_exceptions where business_key like $1`, [`worker/${employeeId}%`]),
    ).toEqual([]);

    // Termination: the PSA user deactivated, the ERP employee terminated with the date and inactive.
    await workday(`/__sandbox/workers/${employeeId}/terminate`, { terminationDate: '2026-01-30' });
    await waitForState(employeeId, (s) => s.status === 'terminated', 'the termination');
    expect(await stateOf(employeeId)).toMatchObject({
      last_lifecycle: 'termination',
      erp_outcome: 'terminated',
      psa_outcome: 'deactivated',
      termination_day: '2026-01-30',
    });
    expect(await erp().getEmployee(employeeId)).toMatchObject({ terminationDate: '2026-01-30', active: false });
    expect(await netsuiteEmployee(employeeId)).toMatchObject({ releaseDate: '2026-01-30', isInactive: true });
    expect(await psa().getUser(employeeId)).toMatchObject({ active: false });
    expect((await kantataUser(user.email))[0]).toMatchObject({ disabled: true });
  }, 300_000);

  it('the system APIs: PSA users created once, patched, reactivated; ERP employees patched and terminated; bad input is a problem', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await process(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
    };
    const input = { id: 'W09001', name: 'Ada Byron', email: 'ada.byron@demofirm.example', role: 'senior-consultant' };
    const first = await call('POST', '/system/psa/v1/users', input);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: 'W09001', workerId: 'W09001', active: true, role: 'senior-consultant' });
    const again = await call('POST', '/system/psa/v1/users', input);
    expect(again.status).toBe(200);
    expect(again.body.crossReferences).toEqual(first.body.crossReferences);
    expect(await kantataUser(input.email)).toHaveLength(1);
    const off = await call('PATCH', '/system/psa/v1/users/W09001', { active: false, name: 'Ada King' });
    expect(off.body).toMatchObject({ active: false, name: 'Ada King' });
    expect((await kantataUser(input.email))[0]).toMatchObject({ disabled: true, full_name: 'Ada King' });
    expect((await call('PATCH', '/system/psa/v1/users/W09001', { active: true })).body).toMatchObject({ active: true });
    expect((await kantataUser(input.email))[0]).toMatchObject({ disabled: false });
    // Bad input: problem+json naming the problem.
    const empty = await call('PATCH', '/system/psa/v1/users/W09001', {});
    expect(empty.status).toBe(400);
    expect(empty.type).toMatch(/application\/problem\+json/);
    expect((await call('PATCH', '/system/psa/v1/users/W99999', { active: false })).status).toBe(404);
    const badRole = await call('POST', '/system/psa/v1/users', {
      ...input,
      id: 'W09002',
      email: 'x2@demofirm.example',
      role: 'astronaut',
    });
    expect(badRole.status).toBe(422);
    expect(JSON.stringify(badRole.body)).toContain('role');
    const sameEmail = await call('POST', '/system/psa/v1/users', { ...input, id: 'W09003' });
    expect(sameEmail.status).toBe(409);

    // ERP employee: created with a cost rate, patched, terminated, the termination cleared.
    const created = await call('POST', '/system/erp/v1/employees', {
      id: 'W09001',
      givenName: 'Ada',
      familyName: 'Byron',
      legalEntityId: 'UK-01',
      costRate: { amountMinor: 8050, currency: 'GBP' },
      hireDate: '2025-01-06',
    });
    expect(created.status).toBeLessThan(300);
    expect(created.body).toMatchObject({ costRate: { amountMinor: 8050, currency: 'GBP' }, active: true });
    const raised = await call('PATCH', '/system/erp/v1/employees/W09001', {
      costRate: { amountMinor: 8575, currency: 'GBP' },
    });
    expect(raised.body).toMatchObject({
      givenName: 'Ada',
      costRate: { amountMinor: 8575, currency: 'GBP' },
      active: true,
    });
    const ended = await call('PATCH', '/system/erp/v1/employees/W09001', { terminationDate: '2026-02-27' });
    expect(ended.body).toMatchObject({ terminationDate: '2026-02-27', active: false, costRate: { amountMinor: 8575 } });
    expect(await netsuiteEmployee('W09001')).toMatchObject({
      releaseDate: '2026-02-27',
      isInactive: true,
      laborCost: 85.75,
    });
    const back = await call('PATCH', '/system/erp/v1/employees/W09001', { terminationDate: null });
    expect(back.body).toMatchObject({ active: true });
    expect(back.body.terminationDate).toBeUndefined();
    const wrongCurrency = await call('PATCH', '/system/erp/v1/employees/W09001', {
      costRate: { amountMinor: 1, currency: 'USD' },
    });
    expect(wrongCurrency.status).toBe(422);
    expect(JSON.stringify(wrongCurrency.body)).toContain('costRate.currency');
    const early = await call('PATCH', '/system/erp/v1/employees/W09001', { terminationDate: '2024-12-31' });
    expect(early.status).toBe(422);
    expect((await call('PATCH', '/system/erp/v1/employees/W09001', {})).status).toBe(400);
    expect((await call('PATCH', '/system/erp/v1/employees/W99999', { active: false })).status).toBe(404);
    const negative = await call('PATCH', '/system/erp/v1/employees/W09001', {
      costRate: { amountMinor: -5, currency: 'GBP' },
    });
    expect(negative.status).toBe(400);
  }, 60_000);

  it('a worker with an unknown cost centre: an exception with the reasons, nothing created anywhere', async () => {
    const { employeeId } = await workday('/__sandbox/workers', {
      ...NEW_HIRE,
      givenName: 'Alan',
      familyName: 'Turing',
      costCenter: 'UK-999',
      workEmail: 'alan.turing.h3@demo-firm.example',
    });
    const state = await waitForState(employeeId, () => true, `the sync of ${employeeId}`);
    expect(state).toMatchObject({ erp_outcome: 'rejected', psa_outcome: 'rejected', cost_centre: 'UK-999' });
    const [exception] = await sql(`select * from process.business_exceptions where business_key = $1`, [
      `worker/${employeeId}/data`,
    ]);
    expect(exception).toMatchObject({
      kind: 'worker-data-invalid',
      owning_team: 'resource-management',
      status: 'open',
    });
    expect(exception.reasons.join(' ')).toContain('cost centre UK-999');
    expect(await erp().getEmployee(employeeId)).toBeUndefined();
    expect(await psa().getUser(employeeId)).toBeUndefined();
    expect(await netsuiteEmployee(employeeId)).toBeUndefined();
    expect(await kantataUser('alan.turing.h3@demo-firm.example')).toEqual([]);
  }, 60_000);

  it('a worker terminated before time they booked: billing of that time is held, assignments versioned', async () => {
    const entries = (await psa().listTimeEntries({ from: '2000-01-01', to: '2099-12-31' })).items as Array<{
      id: string;
      workerId: string;
      projectId: string;
      date: string;
      minutes: number;
    }>;
    expect(entries.length).toBeGreaterThan(0);
    // The worker with the most recent time: terminated the day before it.
    const latest = [...entries].sort((a, b) => b.date.localeCompare(a.date))[0];
    const workerId = latest.workerId;
    const end = new Date(Date.parse(`${latest.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const late = entries.filter((e) => e.workerId === workerId && e.date > end);

    const worker = await fetch(`${stack.urls['system-hris']}/system/hris/v1/workers/${workerId}`);
    expect(worker.status).not.toBe(404); // the sandboxes share the people (same canonical ids)

    await workday(`/__sandbox/workers/${workerId}/terminate`, { terminationDate: end });
    const state = await waitFor(
      async () => ((await stateOf(workerId))?.status === 'terminated' ? stateOf(workerId) : undefined),
      60_000,
      `the termination of ${workerId}`,
    );
    expect(state).toMatchObject({ last_lifecycle: 'termination', termination_day: end, psa_outcome: 'deactivated' });
    // The seeded worker's Kantata user (linked by the worker reference) is deactivated.
    expect(await psa().getUser(workerId)).toMatchObject({ active: false });

    const holds = await sql(
      `select time_entry_id, minutes, amount_minor, currency, legal_entity from process.billing_holds where worker_id = $1 and released_at is null`,
      [workerId],
    );
    expect(holds.map((h) => h.time_entry_id).sort()).toEqual(late.map((e) => e.id).sort());
    expect(holds.reduce((s, h) => s + Number(h.minutes), 0)).toBe(late.reduce((s, e) => s + e.minutes, 0));
    expect(holds.every((h) => typeof h.legal_entity === 'string')).toBe(true);

    const versions = await sql(`select assignment_id, version from process.assignment_versions where worker_id = $1`, [
      workerId,
    ]);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.every((v) => v.version === 1)).toBe(true);

    // The business exception for resource management names the projects, the hours and their value.
    const [exception] = await sql(
      `select * from process.business_exceptions where kind = 'worker-inactive-but-assigned' and business_key = $1`,
      [`worker/${workerId}`],
    );
    expect(exception).toMatchObject({ owning_team: 'resource-management', status: 'open', source: 'resource-sync' });
    const projects = [...new Set(late.map((e) => e.projectId))];
    for (const projectId of projects) {
      expect(exception.reasons.some((r: string) => r.startsWith(`Project ${projectId}:`))).toBe(true);
    }
    expect(exception.reasons.join(' ')).toMatch(/\d+\.\d{2} h booked after/);
    const held = holds.filter((h) => h.amount_minor !== null);
    if (held.length === holds.length) {
      expect(Number(exception.amount_minor)).toBe(held.reduce((s, h) => s + Number(h.amount_minor), 0));
    }

    // Time approved later for the terminated worker, dated after the end (time.approved from the PSA): held too.
    const bus = crmPublisher(stack.databaseUrl);
    try {
      const lateEntry = { ...late[0], id: `late-${late[0].id}`, date: latest.date, minutes: 120, status: 'approved' };
      await bus.publish([
        newEvent(
          EventTypes.TimeApproved,
          `time-entry/${lateEntry.id}`,
          { timeEntry: { ...lateEntry, approvedAt: '2026-03-01T10:00:00Z' }, approvedAt: '2026-03-01T10:00:00Z' },
          { source: 'system-psa', version: 1 },
        ),
      ]);
      await waitFor(
        async () =>
          (await sql(`select 1 from process.billing_holds where time_entry_id = $1`, [lateEntry.id])).length
            ? true
            : undefined,
        30_000,
        'the hold of the late approved entry',
      );
      const [updated] = await sql(
        `select occurrences, reasons from process.business_exceptions where kind = 'worker-inactive-but-assigned' and business_key = $1`,
        [`worker/${workerId}`],
      );
      expect(updated.occurrences).toBeGreaterThanOrEqual(2);
      expect(updated.reasons.some((r: string) => r.startsWith(`Project ${lateEntry.projectId}:`))).toBe(true);
    } finally {
      await bus.stop();
    }
  }, 120_000);

  it('reconciles HRIS, PSA and ERP: one report per legal entity, each mismatch with its outcome', async () => {
    const res = await process('/process/resource-sync/v1/reconciliations', { method: 'POST' });
    expect(res.status).toBe(202);
    const started = (await res.json()) as any;
    expect(started).toMatchObject({ runId: expect.any(String), joined: false });
    const run = await waitFor(
      async () => {
        const page = (await (await process(started.reports)).json()) as any;
        return page.items?.length ? { runId: started.runId, items: page.items } : undefined;
      },
      150_000,
      'the reconciliation reports',
    );
    expect(run.items.length).toBeGreaterThan(1);
    for (const report of run.items) {
      expect(report.legalEntity).toEqual(expect.any(String));
      expect(report.runId).toBe(run.runId);
      for (const m of report.mismatches) {
        expect(m.legalEntity).toBe(report.legalEntity);
        expect(['missing', 'status-differs', 'cost-centre-differs', 'legal-entity-differs']).toContain(m.kind);
        expect(['fixed', 'exception-raised', 'fix-failed']).toContain(m.outcome);
      }
    }
    const all = run.items.flatMap((r: any) => r.mismatches);
    // Seeded workers without an ERP employee are created by the reconciliation.
    const fixed = all.filter((m: any) => m.system === 'erp' && m.kind === 'missing' && m.outcome === 'fixed');
    if (fixed.length > 0) expect(await erp().getEmployee(fixed[0].workerId)).toMatchObject({ id: fixed[0].workerId });

    // The run recorded every assignment's content as a version (one per assignment: nothing changed yet).
    const [versions] = await sql(
      `select count(*)::int n, count(distinct assignment_id)::int a, max(version) v from process.assignment_versions`,
    );
    expect(versions.n).toBeGreaterThan(1);
    expect(versions).toMatchObject({ n: versions.a, v: 1 });

    const list = (await (await process('/process/resource-sync/v1/reconciliations?limit=200')).json()) as any;
    expect(list.total).toBe(run.items.length);
    const entity = run.items[0].legalEntity;
    const filtered = (await (
      await process(`/process/resource-sync/v1/reconciliations?legalEntity=${entity}`)
    ).json()) as any;
    expect(filtered.items.map((r: any) => r.legalEntity)).toEqual([entity]);
    const one = await process(`/process/resource-sync/v1/reconciliations/${run.items[0].id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as any).id).toBe(run.items[0].id);

    const bad = await process('/process/resource-sync/v1/reconciliations/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const missing = await process('/process/resource-sync/v1/reconciliations/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const badFilter = await process('/process/resource-sync/v1/reconciliations?legalEntity=nope');
    expect(badFilter.status).toBe(400);

    // The schedule's path (RESOURCE_RECONCILIATION_ENABLED): a run started while another runs joins it.
    const service = stack.get('process-api').app!.get(ReconciliationService);
    const scheduled = service.start('schedule');
    expect(service.start('api')).toEqual({ runId: scheduled.runId, joined: true });
    await service.settle();
    const reports = (await (
      await process(`/process/resource-sync/v1/reconciliations?runId=${scheduled.runId}&limit=200`)
    ).json()) as any;
    expect(reports.items.length).toBe(run.items.length);
    expect(reports.items.every((r: any) => r.trigger === 'schedule')).toBe(true);
    // The first run fixed what the ERP lacked: the second finds no ERP employee missing.
    const stillMissing = reports.items
      .flatMap((r: any) => r.mismatches)
      .filter((m: any) => m.system === 'erp' && m.kind === 'missing');
    expect(stillMissing).toEqual([]);
  }, 240_000);

  it('personal fields never leave system-hris: no table outside the Workday sandbox, no event, no log holds them', async () => {
    const tables = await sql<{ table_schema: string; table_name: string }>(
      `select table_schema, table_name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    const sandboxSchema = (
      await sql(
        `select table_schema from information_schema.tables where table_name ilike '%worker%' and table_schema ilike '%workday%' limit 1`,
      )
    )[0]?.table_schema;
    expect(sandboxSchema).toBeDefined();
    // The values are in the Workday sandbox (the vendor side), so the search below searches for real.
    const found: string[] = [];
    for (const { table_schema, table_name } of tables) {
      if (table_schema === sandboxSchema) continue;
      for (const value of Object.values(PERSONAL)) {
        const [{ n }] = await sql(
          `select count(*)::int n from "${table_schema}"."${table_name}" t where t::text ilike $1`,
          [`%${value}%`],
        );
        if (n > 0) found.push(`${table_schema}.${table_name}: ${value}`);
      }
    }
    expect(found).toEqual([]);
    const inSandbox = await sql(`select count(*)::int n from information_schema.tables where table_schema = $1`, [
      sandboxSchema,
    ]);
    expect(inSandbox[0].n).toBeGreaterThan(0);
    const text = logs.join('');
    expect(text.length).toBeGreaterThan(0);
    for (const value of Object.values(PERSONAL)) expect(text.includes(value)).toBe(false);
  }, 120_000);
});
