import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { workdaySandboxApp } from '../src/workday/workday-sandbox.app';
import { generateSeedWorkers } from '../src/workday/seed/workday-seed-data';

const PINNED_COLUMNS = [
  'Employee_ID',
  'Worker_Status',
  'Hire_Date',
  'Termination_Date',
  'Legal_Entity',
  'Cost_Center',
  'Location',
  'Manager_ID',
  'Job_Profile',
  'Work_Email',
  'Personal_Email',
  'Date_of_Birth',
  'Home_Address',
  'Hourly_Cost_Rate',
  'Cost_Rate_Currency',
  'Last_Updated',
];

/** The Workday sandbox over HTTP, on its own fresh database. */
describe('Workday sandbox (HTTP)', () => {
  let db: TestDatabase;
  let sandbox: RunningApp;
  let token: string;
  const savedEnv = { ...process.env };
  const API = '/ccx/api/v1/demo_firm';
  const REPORT = '/ccx/service/customreport2/demo_firm/ISU_Integrations/Worker_Sync';

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  async function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(`${sandbox.url}/ccx/oauth2/demo_firm/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  }

  const basic = (id: string, secret: string) => ({
    authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
  });

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_wd');
    process.env.DATABASE_URL = db.url;
    sandbox = await bootstrapApp(workdaySandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    token = (
      await tokenRequest(
        { grant_type: 'refresh_token', refresh_token: 'demo-refresh-token' },
        basic('demo-client', 'demo-secret'),
      )
    ).body.access_token;
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    process.env = savedEnv;
  });

  describe('OAuth 2.0 refresh-token grant', () => {
    it('issues a bearer token with client credentials by Basic auth or in the form', async () => {
      const viaBasic = await tokenRequest(
        { grant_type: 'refresh_token', refresh_token: 'demo-refresh-token' },
        basic('demo-client', 'demo-secret'),
      );
      expect(viaBasic).toEqual({
        status: 200,
        body: { access_token: expect.any(String), token_type: 'Bearer', refresh_token: 'demo-refresh-token' },
      });
      const viaForm = await tokenRequest({
        grant_type: 'refresh_token',
        refresh_token: 'demo-refresh-token',
        client_id: 'demo-client',
        client_secret: 'demo-secret',
      });
      expect(viaForm.status).toBe(200);
      expect(viaForm.body.access_token).not.toBe(viaBasic.body.access_token);
    });

    it('refuses wrong clients, refresh tokens and grants with OAuth errors', async () => {
      expect(
        await tokenRequest(
          { grant_type: 'refresh_token', refresh_token: 'demo-refresh-token' },
          basic('demo-client', 'x'),
        ),
      ).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Invalid client credentials' } });
      expect(
        await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'nope' }, basic('demo-client', 'demo-secret')),
      ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      expect(
        await tokenRequest({ grant_type: 'client_credentials' }, basic('demo-client', 'demo-secret')),
      ).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    });

    it('answers 401 without, with a wrong or with an expired token; another tenant is 404', async () => {
      const expected = { error: 'invalid access token', errors: [{ error: 'invalid access token' }] };
      const none = await call('GET', `${API}/workers`, undefined, { authorization: '' });
      expect(none).toMatchObject({ status: 401, body: expected });
      expect(none.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await call('GET', `${API}/workers`, undefined, { authorization: 'Bearer made-up' })).toMatchObject({
        status: 401,
        body: expected,
      });
      expect((await call('GET', '/ccx/api/v1/other_tenant/workers')).status).toBe(404);

      const expire = await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST' });
      expect(((await expire.json()) as { expired: number }).expired).toBeGreaterThan(0);
      expect(await call('GET', `${API}/workers`)).toMatchObject({ status: 401, body: expected });
      token = (
        await tokenRequest(
          { grant_type: 'refresh_token', refresh_token: 'demo-refresh-token' },
          basic('demo-client', 'demo-secret'),
        )
      ).body.access_token;
      expect((await call('GET', `${API}/workers`)).status).toBe(200);
    });
  });

  describe('REST workers', () => {
    it('pages with limit and offset (default 20, at most 100) and counts every worker', async () => {
      const first = await call('GET', `${API}/workers`);
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(300);
      expect(first.body.data).toHaveLength(20);
      const seen = new Set<string>();
      for (let offset = 0; offset < 300; offset += 100) {
        const page = await call('GET', `${API}/workers?limit=100&offset=${offset}`);
        expect(page.body.data).toHaveLength(100);
        for (const w of page.body.data as Array<{ id: string }>) seen.add(w.id);
      }
      expect(seen.size).toBe(300);
      expect((await call('GET', `${API}/workers?limit=100&offset=300`)).body).toEqual({ total: 300, data: [] });
      const tooMany = await call('GET', `${API}/workers?limit=101`);
      expect(tooMany).toMatchObject({
        status: 400,
        body: { error: expect.stringContaining('limit'), errors: [{ field: 'limit' }] },
      });
      expect((await call('GET', `${API}/workers?offset=-1`)).status).toBe(400);
    });

    it('serves the worker summary, one worker by id, and searches by name', async () => {
      const [top] = (await call('GET', `${API}/workers?limit=1`)).body.data;
      expect(top).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        descriptor: expect.stringMatching(/^\S+ \S+/),
        href: `${sandbox.url}${API}/workers/${top.id}`,
        businessTitle: 'Managing Partner',
        primaryWorkEmail: expect.stringMatching(/@demo-firm\.example$/),
        isManager: true,
        primarySupervisoryOrganization: { id: expect.stringMatching(/^[0-9a-f]{32}$/), descriptor: 'US-100 (US-01)' },
      });
      expect((await call('GET', `${API}/workers/${top.id}`)).body).toEqual(top);
      expect(await call('GET', `${API}/workers/0123456789abcdef0123456789abcdef`)).toMatchObject({ status: 404 });
      const found = await call('GET', `${API}/workers?search=${encodeURIComponent(top.descriptor.toUpperCase())}`);
      expect(found.body.data.map((w: { id: string }) => w.id)).toContain(top.id);
    });
  });

  describe('RaaS custom report', () => {
    it('answers the pinned columns only, as strings, omitting empty values', async () => {
      const res = await call('GET', `${REPORT}?format=json`);
      expect(res.status).toBe(200);
      const rows = res.body.Report_Entry as Array<Record<string, string>>;
      expect(rows).toHaveLength(300);
      for (const row of rows) {
        for (const key of Object.keys(row)) expect(PINNED_COLUMNS).toContain(key);
        for (const value of Object.values(row)) expect(typeof value).toBe('string');
        expect(['Active', 'On_Leave', 'Terminated']).toContain(row.Worker_Status);
      }
      const seed = generateSeedWorkers();
      const w1 = rows.find((r) => r.Employee_ID === 'W00001')!;
      expect(Object.keys(w1).sort()).toEqual(
        PINNED_COLUMNS.filter((c) => c !== 'Termination_Date' && c !== 'Manager_ID').sort(),
      );
      expect(w1).toMatchObject({
        Worker_Status: 'Active',
        Legal_Entity: 'US-01',
        Job_Profile: 'Managing Partner',
        Cost_Rate_Currency: 'USD',
        Personal_Email: seed[0].personalEmail,
        Date_of_Birth: seed[0].dateOfBirth,
        Home_Address: seed[0].homeAddress,
      });
      expect(w1.Hourly_Cost_Rate).toMatch(/^\d+(\.\d{1,2})?$/);
      const terminated = rows.filter((r) => r.Worker_Status === 'Terminated');
      expect(terminated.length).toBeGreaterThan(0);
      for (const r of terminated) expect(r.Termination_Date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Set(rows.map((r) => r.Legal_Entity))).toEqual(new Set(['US-01', 'DE-01', 'UK-01']));
      const currencies = Object.fromEntries(rows.map((r) => [r.Legal_Entity, r.Cost_Rate_Currency]));
      expect(currencies).toEqual({ 'US-01': 'USD', 'DE-01': 'EUR', 'UK-01': 'GBP' });
    });

    it('404s an unknown report; rejects a bad prompt and other formats', async () => {
      expect(await call('GET', '/ccx/service/customreport2/demo_firm/ISU_Integrations/Nope?format=json')).toEqual({
        status: 404,
        headers: expect.anything(),
        body: {
          error: 'Report not found: ISU_Integrations/Nope',
          errors: [{ error: 'Report not found: ISU_Integrations/Nope' }],
        },
      });
      expect((await call('GET', `${REPORT}?format=json&Updated_From=yesterday`)).status).toBe(400);
      expect((await call('GET', `${REPORT}?format=csv`)).status).toBe(400);
    });

    it('HR changes bump Last_Updated; Updated_From returns only what changed since', async () => {
      const before = new Date().toISOString();
      const hired = await call('POST', '/__sandbox/workers', {
        givenName: 'Grace',
        familyName: 'Hopper',
        jobProfile: 'Consultant',
        legalEntity: 'DE-01',
        costCenter: 'DE-100',
        location: 'BER',
        managerId: 'W00002',
        hireDate: '2025-02-01',
        hourlyCostRate: '72.50',
        personalEmail: 'grace@home.example',
      });
      expect(hired.status).toBe(201);
      const id = hired.body.employeeId as string;
      expect(id).toBe('W00301');
      expect(hired.body.report).toMatchObject({
        Cost_Rate_Currency: 'EUR',
        Hourly_Cost_Rate: '72.5',
        Worker_Status: 'Active',
      });
      await call('POST', '/__sandbox/workers/W00010/job-change', {
        legalEntity: 'UK-01',
        costCenter: 'UK-100',
        location: 'LON',
      });
      await call('POST', '/__sandbox/workers/W00011/leave');
      const changed = await call('GET', `${REPORT}?format=json&Updated_From=${encodeURIComponent(before)}`);
      expect(changed.body.Report_Entry.map((r: { Employee_ID: string }) => r.Employee_ID)).toEqual([
        id,
        'W00010',
        'W00011',
      ]);
      const [, moved, onLeave] = changed.body.Report_Entry;
      expect(moved).toMatchObject({ Legal_Entity: 'UK-01', Cost_Rate_Currency: 'GBP', Location: 'LON' });
      expect(onLeave.Worker_Status).toBe('On_Leave');
      expect(Date.parse(moved.Last_Updated)).toBeGreaterThanOrEqual(Date.parse(before));

      expect((await call('POST', '/__sandbox/workers/W00011/leave')).status).toBe(409);
      expect((await call('POST', '/__sandbox/workers/W00011/return')).status).toBe(200);
      const terminated = await call('POST', `/__sandbox/workers/${id}/terminate`, { terminationDate: '2025-03-31' });
      expect(terminated.body.report).toMatchObject({ Worker_Status: 'Terminated', Termination_Date: '2025-03-31' });
      const bad = await call('POST', '/__sandbox/workers/W00012/job-change', { legalEntity: 'FR-01' });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  it('answers 429 with Retry-After past the configured rate', async () => {
    await call('POST', '/__sandbox/rate-limit', { requestsPerSecond: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const res = await call('GET', `${API}/workers?limit=1`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    await call('POST', '/__sandbox/rate-limit', { requestsPerSecond: 0 });
    expect((await call('GET', '/__sandbox/state')).body).toMatchObject({ rateLimitPerSecond: 0 });
  });

  it('injects seeded faults: the same fault gives the same failures; an after-fault serves then fails', async () => {
    const run = async () => {
      await call('POST', '/__sandbox/faults', { status: 503, errorRate: 0.5, seed: 7, pathPrefix: '/ccx/api' });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await call('GET', `${API}/workers?limit=1`)).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
    const failed = await call('GET', `${API}/workers?limit=1`);
    if (failed.status === 503) expect(failed.headers.get('retry-after')).toBe('1');
    await call('DELETE', '/__sandbox/faults');

    await call('POST', '/__sandbox/faults', { status: 500, phase: 'after', times: 1, pathPrefix: '/ccx/oauth2' });
    const lost = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: 'demo-refresh-token' },
      basic('demo-client', 'demo-secret'),
    );
    expect(lost).toMatchObject({ status: 500, body: { error: expect.stringContaining('Fault injected') } });
    expect((await call('GET', `${API}/workers?limit=1`)).status).toBe(200);
  });

  it('resets to the same deterministic seed', async () => {
    const before = (await call('GET', `${REPORT}?format=json`)).body.Report_Entry as Array<Record<string, string>>;
    const reset = await call('POST', '/__sandbox/reset');
    expect(reset.body).toEqual({ scale: 'demo', workers: 300 });
    const after = (await call('GET', `${REPORT}?format=json`)).body.Report_Entry as Array<Record<string, string>>;
    expect(after).toHaveLength(300);
    expect(after.find((r) => r.Employee_ID === 'W00012')).toEqual(
      before.find((r) => r.Employee_ID === 'W00012') ?? expect.anything(),
    );
    expect(after.find((r) => r.Employee_ID === 'W00010')!.Legal_Entity).toBe(
      generateSeedWorkers().find((w) => w.employeeId === 'W00010')!.legalEntity,
    );
  });

  it('resets to month-end volume on request, and back', async () => {
    const big = await call('POST', '/__sandbox/reset', { scale: 'month-end' });
    expect(big.body).toEqual({ scale: 'month-end', workers: 2000 });
    expect((await call('GET', `${API}/workers?limit=1`)).body.total).toBe(2000);
    const bad = await call('POST', '/__sandbox/reset', { scale: 'enormous' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'scale', message: expect.stringContaining('month-end') }]);
    expect((await call('POST', '/__sandbox/reset', { scale: 'demo' })).body).toEqual({ scale: 'demo', workers: 300 });
  });
});
