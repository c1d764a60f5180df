import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { kantataSandboxApp } from '../src/app.definition';
import { demoFirm } from '../src/common/demo-firm';

/** The demo firm the sandbox seeds from (src/common/demo-firm): its projects are workspaces 1000... */
const firm = demoFirm();
const workspaceIds = firm.projects.map((_, i) => String(1000 + i));
const [p1, p2] = firm.projects;
/** Kantata user id of a worker: users 2000... in worker order. */
const userIdOf = (workerId: string) => String(2000 + firm.workers.findIndex((w) => w.employeeId === workerId));

/** The Kantata sandbox over HTTP, on its own fresh database. */
describe('Kantata sandbox (HTTP)', () => {
  let db: TestDatabase;
  let sandbox: RunningApp;
  let token: string;
  const savedEnv = { ...process.env };

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* malformed on purpose */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  async function login(secret = 'demo-secret') {
    const res = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client',
        client_secret: secret,
      }).toString(),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  const objects = (body: any, key: string) =>
    body.results.filter((r: any) => r.key === key).map((r: any) => body[key][r.id]);

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_kantata');
    process.env.DATABASE_URL = db.url;
    sandbox = await bootstrapApp(kantataSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    token = (await login()).body.access_token;
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    process.env = savedEnv;
  });

  describe('OAuth 2.0', () => {
    it('issues an expiring bearer token for the client credentials', async () => {
      const { status, body } = await login();
      expect(status).toBe(200);
      expect(body).toEqual({
        access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        token_type: 'bearer',
        expires_in: 7200,
        scope: 'user',
        created_at: expect.any(Number),
      });
      expect((await login('wrong')).body.error).toBe('invalid_client');
    });

    it('answers 401 oauth errors for a missing, wrong or expired token', async () => {
      const missing = await call('GET', '/api/v1/workspaces', undefined, { authorization: '' });
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({ errors: [{ type: 'oauth', message: expect.any(String) }] });
      const wrong = await call('GET', '/api/v1/workspaces', undefined, { authorization: 'Bearer nope' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.errors[0].type).toBe('oauth');
      const before = token;
      token = (await login()).body.access_token;
      const res = await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST' });
      expect(((await res.json()) as any).expired).toBeGreaterThanOrEqual(2);
      const expired = await call('GET', '/api/v1/workspaces');
      expect(expired.status).toBe(401);
      expect(expired.body.errors[0]).toEqual({ type: 'oauth', message: 'The access token expired' });
      expect(before).not.toBe(token);
      token = (await login()).body.access_token;
    });
  });

  describe('envelope, paging, include, only', () => {
    it('lists workspaces in the Kantata envelope with string ids', async () => {
      const { status, body } = await call('GET', '/api/v1/workspaces.json');
      expect(status).toBe(200);
      expect(body.count).toBe(firm.projects.length);
      expect(body.meta).toEqual({
        count: firm.projects.length,
        page_count: Math.ceil(firm.projects.length / 20),
        page_number: 1,
        page_size: 20,
      });
      expect(body.results).toEqual(workspaceIds.slice(0, 20).map((id) => ({ key: 'workspaces', id })));
      expect(body.workspaces['1000']).toMatchObject({
        id: '1000',
        title: p1.name,
        currency: p1.currency,
        price_in_cents: p1.budgetMinor,
        budgeted: true,
        start_date: p1.startDate,
        due_date: p1.endDate,
        status: 'active',
        archived: false,
        created_at: expect.stringMatching(/^2025-06-01T08:\d\d:00\+00:00$/),
      });
      expect(body.workspaces['1000']).not.toHaveProperty('creator_role');
    });

    it('pages with page/per_page (at most 200) and filters time entries', async () => {
      const first = await call('GET', '/api/v1/time_entries?per_page=50&page=1&approved=true');
      expect(first.body.meta).toEqual({
        count: first.body.count,
        page_count: Math.ceil(first.body.count / 50),
        page_number: 1,
        page_size: 50,
      });
      expect(first.body.results).toHaveLength(50);
      const capped = await call('GET', '/api/v1/time_entries?per_page=500');
      expect(capped.body.meta.page_size).toBe(200);
      const all = await call('GET', '/api/v1/time_entries?per_page=200');
      const unapproved = await call('GET', '/api/v1/time_entries?approved=false&per_page=200');
      expect(first.body.count + unapproved.body.count).toBe(all.body.count);
      expect(
        objects(unapproved.body, 'time_entries').every(
          (t: any) => t.approved === false && t.date_performed >= '2025-06-25',
        ),
      ).toBe(true);
      const week = await call(
        'GET',
        '/api/v1/time_entries?date_performed_between=2025-06-02:2025-06-06&workspace_id=1000&per_page=200',
      );
      const entries = objects(week.body, 'time_entries');
      expect(entries).toHaveLength(p1.team.length * 5); // the team x 5 days
      expect(entries[0]).toEqual({
        id: expect.stringMatching(/^\d+$/),
        workspace_id: '1000',
        user_id: expect.any(String),
        story_id: null,
        date_performed: expect.stringMatching(/^2025-06-0[2-6]$/),
        time_in_minutes: expect.any(Number),
        billable: expect.any(Boolean),
        notes: `Work on ${p1.name}`,
        rate_in_cents: expect.any(Number),
        cost_rate_in_cents: expect.any(Number),
        currency: 'USD',
        approved: true,
        is_invoiced: false,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const bad = await call('GET', '/api/v1/time_entries?date_performed_between=2025-06-02');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].type).toBe('system');
    });

    it('side-loads includes and honours only=', async () => {
      const { body } = await call('GET', '/api/v1/time_entries?per_page=2&include=user,workspace');
      const [entry] = objects(body, 'time_entries');
      expect(body.users[entry.user_id]).toMatchObject({ id: entry.user_id, full_name: expect.any(String) });
      expect(body.workspaces[entry.workspace_id]).toMatchObject({ id: entry.workspace_id });
      expect(body.results.every((r: any) => r.key === 'time_entries')).toBe(true);
      const only = await call('GET', '/api/v1/users?only=2000,2002');
      expect(only.body.results.map((r: any) => r.id)).toEqual(['2000', '2002']);
      const worker = firm.workers.find((w) => w.role === 'senior-consultant')!;
      const byEmail = await call(
        'GET',
        `/api/v1/users?by_email_address=${worker.workEmail.toUpperCase()}&include=role`,
      );
      expect(objects(byEmail.body, 'users')).toEqual([
        expect.objectContaining({ full_name: `${worker.givenName} ${worker.familyName}` }),
      ]);
      expect(Object.values(byEmail.body.roles)).toEqual([expect.objectContaining({ name: 'Senior Consultant' })]);
      const versions = await call(
        'GET',
        '/api/v1/rate_card_versions?include=rate_card_roles,rate_card_set_version&rate_card_id=900',
      );
      const list = objects(versions.body, 'rate_card_versions');
      expect(list).toHaveLength(2);
      expect(list[0].rate_card_role_ids).toHaveLength(firm.roles.length);
      expect(
        Object.values(versions.body.rate_card_set_versions)
          .map((v: any) => v.effective_date)
          .sort(),
      ).toEqual(['2025-01-01', '2025-07-01']);
      const bad = await call('GET', '/api/v1/time_entries?include=nothing');
      expect(bad.status).toBe(400);
    });
  });

  describe('writes', () => {
    it('creates up to 100 objects under the plural key and updates with the singular key', async () => {
      const created = await call('POST', '/api/v1/workspaces', {
        workspaces: [
          {
            title: 'Test One',
            creator_role: 'maven',
            currency: 'EUR',
            start_date: '2025-07-01',
            due_date: '2025-08-01',
          },
          { title: 'Test Two', creator_role: 'maven' },
        ],
      });
      expect(created.status).toBe(200);
      const [one, two] = objects(created.body, 'workspaces');
      expect(one).toMatchObject({
        title: 'Test One',
        currency: 'EUR',
        status: 'active',
        archived: false,
        budgeted: false,
      });
      expect(two).toMatchObject({ title: 'Test Two', currency: 'USD' });
      const updated = await call('PUT', `/api/v1/workspaces/${one.id}.json`, {
        workspace: { archived: true, title: 'Renamed' },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.workspaces[one.id]).toMatchObject({ title: 'Renamed', archived: true });
      const tooMany = await call('POST', '/api/v1/roles', {
        roles: Array.from({ length: 101 }, (_, i) => ({ name: `R${i}` })),
      });
      expect(tooMany.status).toBe(422);
    });

    it('answers 422 validation errors naming the field, and checks references', async () => {
      const res = await call('POST', '/api/v1/time_entries', {
        time_entries: [{ workspace_id: 1000, user_id: 2000, time_in_minutes: 0 }],
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { type: 'validation', message: "date_performed can't be blank", field: 'date_performed' },
          {
            type: 'validation',
            message: 'time_in_minutes must be greater than or equal to 1',
            field: 'time_in_minutes',
          },
        ]),
      );
      const missingRef = await call('POST', '/api/v1/time_entries', {
        time_entries: [{ workspace_id: 999999, user_id: 2000, date_performed: '2025-07-01', time_in_minutes: 60 }],
      });
      expect(missingRef.status).toBe(422);
      expect(missingRef.body.errors[0]).toMatchObject({ type: 'validation', field: 'workspace_id' });
      const noCreator = await call('POST', '/api/v1/workspaces', { workspaces: [{ title: 'x' }] });
      expect(noCreator.body.errors).toEqual([
        { type: 'validation', message: "creator_role can't be blank", field: 'creator_role' },
      ]);
      const dup = await call('POST', '/api/v1/participations', {
        participations: [{ workspace_id: '1000', user_id: userIdOf(p1.team[0].workerId) }],
      });
      expect(dup.status).toBe(422);
      expect(dup.body.errors[0].field).toBe('user_id');
      const malformed = await call('POST', '/api/v1/workspaces', '{"workspaces":[');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].type).toBe('system');
      const unknown = await call('GET', '/api/v1/nothing');
      expect(unknown.status).toBe(404);
      expect(unknown.body.errors[0].type).toBe('system');
    });

    it('looks objects up by external reference; the reference is unique per service model', async () => {
      const created = await call('POST', '/api/v1/workspaces', {
        workspaces: [
          {
            title: 'With reference',
            creator_role: 'maven',
            external_references: [
              { service_name: 'ps-gateway', service_model: 'project', service_model_ref: 'PRJ-9001' },
            ],
          },
        ],
      });
      expect(created.status).toBe(200);
      const [ws] = objects(created.body, 'workspaces');
      const found = await call(
        'GET',
        '/api/v1/external_references?service_name=ps-gateway&service_model=project&service_model_ref=PRJ-9001',
      );
      expect(objects(found.body, 'external_references')).toEqual([
        expect.objectContaining({ subject_type: 'workspace', subject_id: ws.id, service_model_ref: 'PRJ-9001' }),
      ]);
      const again = await call('POST', '/api/v1/workspaces', {
        workspaces: [
          {
            title: 'Duplicate',
            creator_role: 'maven',
            external_references: [
              { service_name: 'ps-gateway', service_model: 'project', service_model_ref: 'PRJ-9001' },
            ],
          },
        ],
      });
      expect(again.status).toBe(422);
      expect(again.body.errors[0].field).toBe('external_references.service_model_ref');
      const direct = await call('POST', '/api/v1/external_references', {
        external_references: [
          {
            subject_type: 'workspace',
            subject_id: '424242',
            service_name: 'x',
            service_model: 'y',
            service_model_ref: 'z',
          },
        ],
      });
      expect(direct.body.errors[0].field).toBe('subject_id');
    });

    it('marks time entries invoiced when an invoice takes them, and locks them', async () => {
      const list = await call('GET', '/api/v1/time_entries?workspace_id=1001&approved=true&per_page=2');
      const ids = list.body.results.map((r: any) => r.id);
      const invoice = await call('POST', '/api/v1/invoices', {
        invoices: [{ workspace_ids: ['1001'], time_entry_ids: ids }],
      });
      expect(invoice.status).toBe(200);
      const [inv] = objects(invoice.body, 'invoices');
      expect(inv).toMatchObject({ currency: p2.currency, status: 'draft', price_in_cents: expect.any(Number) });
      expect(inv.price_in_cents).toBeGreaterThan(0);
      const after = await call('GET', `/api/v1/time_entries?only=${ids.join(',')}`);
      expect(objects(after.body, 'time_entries').every((t: any) => t.is_invoiced)).toBe(true);
      const locked = await call('PUT', `/api/v1/time_entries/${ids[0]}`, { time_entry: { notes: 'changed' } });
      expect(locked.status).toBe(422);
      const twice = await call('POST', '/api/v1/invoices', {
        invoices: [{ workspace_ids: ['1001'], time_entry_ids: ids }],
      });
      expect(twice.status).toBe(422);
    });

    it('serves a change feed: updated_after sees an approval', async () => {
      const [entry] = objects(
        (await call('GET', '/api/v1/time_entries?approved=false&per_page=1')).body,
        'time_entries',
      );
      await new Promise((r) => setTimeout(r, 1100)); // earlier writes fall in an earlier (whole) second
      const since = new Date(Math.floor(Date.now() / 1000) * 1000 - 1).toISOString();
      expect((await call('GET', `/api/v1/time_entries?updated_after=${since}`)).body.count).toBe(0);
      await call('PUT', `/api/v1/time_entries/${entry.id}`, { time_entry: { approved: true } });
      const feed = await call('GET', `/api/v1/time_entries?updated_after=${since}&order=updated_at:asc`);
      expect(objects(feed.body, 'time_entries')).toEqual([expect.objectContaining({ id: entry.id, approved: true })]);
    });
  });

  describe('limits, faults, control', () => {
    it('answers 429 with Retry-After past the rate limit', async () => {
      await fetch(`${sandbox.url}/__sandbox/rate-limit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requests: 2, windowSeconds: 30 }),
      });
      expect((await call('GET', '/api/v1/roles')).status).toBe(200);
      expect((await call('GET', '/api/v1/roles')).status).toBe(200);
      const limited = await call('GET', '/api/v1/roles');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.errors[0].type).toBe('system');
      await fetch(`${sandbox.url}/__sandbox/rate-limit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requests: 1000, windowSeconds: 60 }),
      });
    });

    it('injects faults before and after serving (the create persists), and malformed bodies', async () => {
      const fault = (spec: unknown) =>
        fetch(`${sandbox.url}/__sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(spec),
        });
      await fault({ status: 503, times: 1, retryAfterSeconds: 2 });
      const down = await call('GET', '/api/v1/roles');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('2');
      expect((await call('GET', '/api/v1/roles')).status).toBe(200);
      await fault({ status: 500, times: 1, phase: 'after', method: 'POST' });
      const lost = await call('POST', '/api/v1/roles', { roles: [{ name: 'Ghost' }] });
      expect(lost.status).toBe(500);
      const roles = await call('GET', '/api/v1/roles?per_page=200');
      expect(objects(roles.body, 'roles').filter((r: any) => r.name === 'Ghost')).toHaveLength(1);
      await fault({ malformed: true, times: 1 });
      const broken = await call('GET', '/api/v1/roles');
      expect(broken.status).toBe(200);
      expect(typeof broken.body).toBe('string');
      const invalid = await fault({ status: 200 });
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    });

    it('resets to the seed with the same ids and reports state', async () => {
      const reset = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
      const counts = {
        workspaces: firm.projects.length,
        users: firm.workers.length,
        timeEntries: firm.timeEntries.length,
      };
      expect(await reset.json()).toEqual({ scale: 'demo', ...counts });
      const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as any;
      expect(state.records).toMatchObject({
        workspaces: counts.workspaces,
        users: counts.users,
        time_entries: counts.timeEntries,
        rate_card_versions: 6,
      });
      expect(state.fault).toBeNull();
      const ws = await call('GET', '/api/v1/workspaces?per_page=200');
      expect(ws.body.results.map((r: any) => r.id)).toEqual(workspaceIds);
      const bad = await fetch(`${sandbox.url}/__sandbox/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scale: 'huge' }),
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as any).errors[0].field).toBe('scale');
    });
  });
});
