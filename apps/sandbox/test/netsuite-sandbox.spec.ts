import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { demoFirm } from '../src/common/demo-firm';
import { netsuiteSandboxApp } from '../src/netsuite/netsuite-sandbox.app';

const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

function assertion(key: KeyObject, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg: 'ES256', typ: 'JWT', kid: 'cert-1', ...header })}.${b64(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `${input}.${signature}`;
}

/** The demo firm the sandbox seeds from: a NetSuite customer per account with projects. */
const customers = demoFirm().customers.filter((c) => c.hasProjects);
const deCustomer = customers.find((c) => c.legalEntity === 'DE-01')!;

describe('NetSuite sandbox over HTTP', () => {
  let db: TestDatabase;
  let app: RunningApp;
  let token: string;
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const savedEnv = { ...process.env };

  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    iss: 'client-1',
    scope: ['rest_webservices'],
    aud: `${app.url}${TOKEN_PATH}`,
    iat: now(),
    exp: now() + 3600,
  });
  const tokenCall = (jwt: string) =>
    fetch(app.url + TOKEN_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: jwt,
      }).toString(),
    });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(app.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
  };
  const suiteql = (q: string, query = '') =>
    call('POST', `/services/rest/query/v1/suiteql${query}`, { q }, { prefer: 'transient' });

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_netsuite');
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      SANDBOX_NETSUITE_CLIENT_ID: 'client-1',
      SANDBOX_NETSUITE_CERTIFICATE_ID: 'cert-1',
      SANDBOX_NETSUITE_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      SANDBOX_NETSUITE_CONCURRENCY_LIMIT: '3',
    });
    app = await bootstrapApp(netsuiteSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    const res = await tokenCall(assertion(keys.privateKey, claims()));
    const body = (await res.json()) as { access_token: string; expires_in: string; token_type: string };
    expect(body).toEqual({ access_token: expect.any(String), expires_in: '3600', token_type: 'Bearer' });
    token = body.access_token;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    process.env = savedEnv;
  });

  beforeEach(async () => {
    await fetch(`${app.url}/__sandbox/reset`, { method: 'POST' });
  });

  it('verifies the client assertion: signature, kid, iss, aud and lifetime', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const refused = [
      assertion(other, claims()),
      assertion(keys.privateKey, claims(), { kid: 'cert-2' }),
      assertion(keys.privateKey, { ...claims(), iss: 'someone' }),
      assertion(keys.privateKey, { ...claims(), aud: 'https://elsewhere/token' }),
      assertion(keys.privateKey, { ...claims(), exp: now() + 7200 }),
      assertion(keys.privateKey, { ...claims(), iat: now() - 7200, exp: now() - 3600 }),
      assertion(keys.privateKey, claims(), { alg: 'HS256' }),
    ];
    for (const jwt of refused) {
      const res = await tokenCall(jwt);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/invalid_grant|invalid_client/);
    }
  });

  it('answers 401 INVALID_LOGIN in NetSuite error shape without a valid token', async () => {
    const res = await fetch(`${app.url}/services/rest/record/v1/customer`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      status: 401,
      title: 'Unauthorized',
      'o:errorDetails': [{ 'o:errorCode': 'INVALID_LOGIN' }],
    });
  });

  it('creates (204 + Location), reads, updates, upserts by eid: and deletes records', async () => {
    const created = await call('POST', '/services/rest/record/v1/customer', {
      companyName: 'Wayne Enterprises',
      subsidiary: { id: '1' },
      externalId: 'CUS-WAYNE',
    });
    expect(created.status).toBe(204);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/\/services\/rest\/record\/v1\/customer\/\d+$/);
    const id = location.split('/').pop()!;
    const got = await call('GET', `/services/rest/record/v1/customer/${id}`);
    expect(got.body).toMatchObject({
      id,
      externalId: 'CUS-WAYNE',
      companyName: 'Wayne Enterprises',
      subsidiary: { id: '1', refName: 'Northwind Consulting Inc.' },
      currency: { id: '1' },
    });
    expect(got.body.lastModifiedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    expect((await call('PATCH', `/services/rest/record/v1/customer/${id}`, { email: 'ap@wayne.example' })).status).toBe(
      204,
    );
    const upserted = await call('PUT', '/services/rest/record/v1/customer/eid:CUS-WAYNE', {
      companyName: 'Wayne Ent.',
      subsidiary: { id: '1' },
    });
    expect(upserted.status).toBe(204);
    expect(upserted.headers.get('location')).toBe(location);
    expect((await call('GET', '/services/rest/record/v1/customer/eid:CUS-WAYNE')).body).toMatchObject({
      companyName: 'Wayne Ent.',
      email: 'ap@wayne.example',
    });
    const fresh = await call('PUT', '/services/rest/record/v1/customer/eid:CUS-NEW', {
      companyName: 'New Co',
      subsidiary: { id: '2' },
    });
    expect(fresh.headers.get('location')).not.toBe(location);
    expect((await call('PUT', `/services/rest/record/v1/customer/${id}`, { companyName: 'x' })).status).toBe(405);

    expect((await call('DELETE', `/services/rest/record/v1/customer/${id}`)).status).toBe(204);
    const gone = await call('GET', `/services/rest/record/v1/customer/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body['o:errorDetails'][0]['o:errorCode']).toBe('NONEXISTENT_ID');
  });

  it('enforces required fields, types and references with o:errorPath', async () => {
    const missing = await call('POST', '/services/rest/record/v1/customer', { subsidiary: { id: '1' } });
    expect(missing.status).toBe(400);
    expect(missing.body['o:errorDetails'][0]).toEqual({
      detail: 'Please enter value(s) for: Company Name',
      'o:errorCode': 'USER_ERROR',
      'o:errorPath': 'companyName',
    });
    const badRef = await call('POST', '/services/rest/record/v1/job', { companyName: 'P', parent: { id: '99999' } });
    expect(badRef.body['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'parent' });
    const unknown = await call('POST', '/services/rest/record/v1/customer', {
      companyName: 'X',
      subsidiary: { id: '1' },
      colour: 'red',
    });
    expect(unknown.body['o:errorDetails'][0]).toMatchObject({
      'o:errorCode': 'INVALID_CONTENT',
      'o:errorPath': 'colour',
    });
    const malformed = await call('POST', '/services/rest/record/v1/customer', '{"companyName":');
    expect(malformed.status).toBe(400);
    expect(malformed.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_CONTENT');
    const noLines = await call('POST', '/services/rest/record/v1/invoice', { entity: { externalId: 'ACC-0001' } });
    expect(noLines.body['o:errorDetails'][0].detail).toMatch(/at least one line item/);
    const dependent = await call('DELETE', '/services/rest/record/v1/customer/eid:ACC-0001');
    expect(dependent.body['o:errorDetails'][0].detail).toMatch(/dependent records/);
  });

  it('computes invoice lines and totals, approval and payment status', async () => {
    const created = await call('POST', '/services/rest/record/v1/invoice', {
      externalId: 'INV-T1',
      entity: { externalId: deCustomer.id },
      item: {
        items: [
          { item: { id: '3' }, quantity: 2.5, rate: 210 },
          { item: { id: '2' }, amount: 100, description: 'Fixed' },
        ],
      },
    });
    expect(created.status).toBe(204);
    const id = created.headers.get('location')!.split('/').pop()!;
    const invoice = (await call('GET', `/services/rest/record/v1/invoice/${id}?expandSubResources=true`)).body;
    expect(invoice).toMatchObject({
      tranId: expect.stringMatching(/^INV\d{5}$/),
      subsidiary: { id: '2' },
      currency: { id: '2' },
      total: 625,
      amountRemaining: 625,
      status: 'Pending Approval',
      approvalStatus: { id: '1', refName: 'Pending Approval' },
    });
    expect(invoice.item.items.map((l: { amount: number }) => l.amount)).toEqual([525, 100]);
    await call('PATCH', `/services/rest/record/v1/invoice/${id}`, { approvalStatus: { id: '2' } });
    expect((await call('GET', `/services/rest/record/v1/invoice/${id}`)).body.status).toBe('Open');
    await fetch(`${app.url}/__sandbox/invoices/${id}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 625 }),
    });
    expect((await call('GET', `/services/rest/record/v1/invoice/${id}`)).body).toMatchObject({
      status: 'Paid In Full',
      amountRemaining: 0,
    });
  });

  it('lists ids with limit/offset paging and runs SuiteQL with paging', async () => {
    const total = customers.length;
    const pageSize = Math.ceil(total / 2) + 1; // two pages, the second shorter
    const page = await call('GET', `/services/rest/record/v1/customer?limit=${pageSize}&offset=0`);
    expect(page.body).toMatchObject({ count: pageSize, hasMore: true, offset: 0, totalResults: total });
    expect(page.body.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'next', 'last']);
    const second = await call('GET', `/services/rest/record/v1/customer?limit=${pageSize}&offset=${pageSize}`);
    expect(second.body).toMatchObject({ count: total - pageSize, hasMore: false });
    expect((await call('GET', '/services/rest/record/v1/customer?limit=1001')).status).toBe(400);

    const q = await suiteql(
      "SELECT id, companyname, subsidiary FROM customer WHERE subsidiary = '1' ORDER BY companyname",
      '?limit=2&offset=0',
    );
    const us = customers
      .filter((c) => c.legalEntity === 'US-01')
      .map((c) => c.name)
      .sort();
    expect(q.body).toMatchObject({ count: 2, hasMore: true, totalResults: us.length, offset: 0 });
    expect(q.body.items[0]).toEqual({
      links: [],
      id: expect.any(Number),
      companyname: us[0],
      subsidiary: '1',
    });
    // LOWER(col) LIKE runs in SQL first: the same rows as a form the sandbox cannot narrow.
    const word = String(us[0]).split(' ')[0].toLowerCase();
    const narrowed = await suiteql(
      `SELECT id, companyname FROM customer WHERE externalid IS NOT NULL AND LOWER(companyname) LIKE '%${word}%'`,
    );
    const scanned = await suiteql(
      `SELECT id, companyname FROM customer WHERE externalid IS NOT NULL AND NOT (LOWER(companyname) NOT LIKE '%${word}%')`,
    );
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.totalResults).toBeGreaterThan(0);
    expect(narrowed.body.items).toEqual(scanned.body.items);
    expect(narrowed.body.items.map((c: { companyname: string }) => c.companyname)).toEqual(
      customers.filter((c) => c.name.toLowerCase().includes(word)).map((c) => c.name),
    );
    const since = await suiteql(
      "SELECT id FROM transaction WHERE type = 'CustInvc' AND lastmodifieddate >= TO_DATE('2025-01-01', 'YYYY-MM-DD')",
    );
    expect(since.body.totalResults).toBe(1);
    const bad = await suiteql('SELECT id FROM nowhere');
    expect(bad.status).toBe(400);
    expect(bad.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_PARAMETER');
    expect((await call('POST', '/services/rest/query/v1/suiteql', { q: 'SELECT id FROM customer' })).status).toBe(400);
  });

  it('answers 429 CONCURRENCY_LIMIT_EXCEEDED past the concurrency limit and injects faults', async () => {
    await fetch(`${app.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs: 300, pathPrefix: '/services/rest/record', method: 'GET' }),
    });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call('GET', '/services/rest/record/v1/customer?limit=1')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(results.find((r) => r.status === 429)!.body['o:errorDetails'][0]['o:errorCode']).toBe(
      'CONCURRENCY_LIMIT_EXCEEDED',
    );

    await fetch(`${app.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 503, phase: 'after', times: 1 }),
    });
    const ambiguous = await call('PUT', '/services/rest/record/v1/customer/eid:CUS-AMB', {
      companyName: 'Amb',
      subsidiary: { id: '1' },
    });
    expect(ambiguous.status).toBe(503);
    expect((await call('GET', '/services/rest/record/v1/customer/eid:CUS-AMB')).status).toBe(200);
    const state = await (await fetch(`${app.url}/__sandbox/state`)).json();
    expect(state).toMatchObject({ records: expect.any(Number), fault: null });
  });
});
