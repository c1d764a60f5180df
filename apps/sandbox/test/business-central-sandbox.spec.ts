import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { businessCentralSandboxApp } from '../src/business-central/business-central-sandbox.app';
import { bcNumberOf } from '../src/business-central/seed/bc-seed-data';
import { demoFirm } from '../src/common/demo-firm';

const US = '5f1c2b10-0001-4a6e-9c1d-000000000001';
const UK = '5f1c2b10-0003-4a6e-9c1d-000000000003';

describe('Business Central sandbox over HTTP', () => {
  let db: TestDatabase;
  let app: RunningApp;
  let token: string;
  let api: string;
  const savedEnv = { ...process.env };

  const tokenCall = (form: Record<string, string>) =>
    fetch(`${app.url}/demo-tenant/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(path.startsWith('http') ? path : api + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
  };

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_bc');
    Object.assign(process.env, { DATABASE_URL: db.url, SANDBOX_BUSINESS_CENTRAL_RATE_LIMIT: '60' });
    app = await bootstrapApp(businessCentralSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    api = `${app.url}/v2.0/demo-tenant/production/api/v2.0`;
    const res = await tokenCall({
      grant_type: 'client_credentials',
      client_id: 'demo-bc-client',
      client_secret: 'demo-bc-secret',
      scope: 'https://api.businesscentral.dynamics.com/.default',
    });
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
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

  it('issues tokens Entra-style and answers 401 in BC error shape', async () => {
    const bad = await tokenCall({
      grant_type: 'client_credentials',
      client_id: 'demo-bc-client',
      client_secret: 'wrong',
      scope: 'https://api.businesscentral.dynamics.com/.default',
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const res = await fetch(`${api}/companies`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'Authentication_InvalidCredentials', message: expect.stringContaining('rejected') },
    });
  });

  it('holds the demo firm: in each company its customers with projects, their projects and staff', async () => {
    const firm = demoFirm();
    for (const le of firm.legalEntities) {
      const company = le.businessCentralCompanyId;
      const customers = (await call('GET', `/companies(${company})/customers`)).body.value;
      expect(customers.map((c: { number: string }) => c.number).sort()).toEqual(
        firm.customers
          .filter((c) => c.hasProjects && c.legalEntity === le.id)
          .map((c) => bcNumberOf('C', c.id))
          .sort(),
      );
      const projects = (await call('GET', `/companies(${company})/projects`)).body.value;
      expect(projects).toHaveLength(firm.projects.filter((p) => p.legalEntity === le.id).length);
      const items = (await call('GET', `/companies(${company})/items`)).body.value;
      expect(items.map((i: { number: string }) => i.number)).toEqual(
        expect.arrayContaining(['SVC-ANALYST', 'SVC-CONSULTANT', 'SVC-SENIOR', 'SVC-MANAGER', 'SVC-PARTNER']),
      );
    }
    const [lead] = firm.projects[0].team;
    const worker = firm.workers.find((w) => w.employeeId === lead.workerId)!;
    const found = await call(
      'GET',
      `/companies(${US})/employees?$filter=number eq '${bcNumberOf('E', worker.employeeId)}'`,
    );
    expect(found.body.value).toEqual([
      expect.objectContaining({ givenName: worker.givenName, surname: worker.familyName, email: worker.workEmail }),
    ]);
  });

  it('lists companies and creates, reads, patches with If-Match and deletes customers', async () => {
    const companies = await call('GET', '/companies');
    expect(companies.body.value.map((c: { id: string }) => c.id)).toContain(UK);
    const created = await call('POST', `/companies(${UK})/customers`, {
      displayName: 'Wayne Enterprises',
      email: 'ap@wayne.example',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      '@odata.etag': expect.stringMatching(/^W\/"/),
      number: expect.stringMatching(/^C\d+$/),
      displayName: 'Wayne Enterprises',
      currencyCode: '',
    });
    const id = created.body.id as string;
    const stale = created.body['@odata.etag'] as string;
    const patched = await call(
      'PATCH',
      `/companies(${UK})/customers(${id})`,
      { email: 'x@wayne.example' },
      { 'if-match': stale },
    );
    expect(patched.status).toBe(200);
    expect(patched.body['@odata.etag']).not.toBe(stale);
    const conflict = await call(
      'PATCH',
      `/companies(${UK})/customers(${id})`,
      { email: 'y@wayne.example' },
      { 'if-match': stale },
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('Request_EntityChanged');
    expect((await call('PATCH', `/companies(${UK})/customers(${id})`, { email: 'z@wayne.example' })).status).toBe(400);
    expect(
      (await call('PATCH', `/companies(${UK})/customers(${id})`, { email: 'z@wayne.example' }, { 'if-match': '*' }))
        .status,
    ).toBe(200);
    const duplicate = await call('POST', `/companies(${UK})/customers`, {
      displayName: 'Dup',
      number: created.body.number,
    });
    expect(duplicate.body.error.code).toBe('Internal_EntityWithSameKeyExists');
    expect((await call('DELETE', `/companies(${UK})/customers(${id})`)).status).toBe(204);
    expect((await call('GET', `/companies(${UK})/customers(${id})`)).status).toBe(404);
  });

  it('refuses unknown and read-only properties, missing fields and broken references', async () => {
    expect(
      (await call('POST', `/companies(${UK})/customers`, { displayName: 'X', colour: 'red' })).body.error.code,
    ).toBe('BadRequest_PropertyNotFound');
    expect((await call('POST', `/companies(${UK})/customers`, { displayName: 'X', balance: 5 })).body.error.code).toBe(
      'BadRequest_InvalidToken',
    );
    expect((await call('POST', `/companies(${UK})/customers`, { email: 'x@y' })).body.error.code).toBe(
      'BadRequest_MissingRequiredField',
    );
    const ref = await call('POST', `/companies(${UK})/timeRegistrationEntries`, {
      employeeId: '00000000-0000-4000-8000-000000000000',
      date: '2025-06-02',
      quantity: 1,
    });
    expect(ref.body.error.code).toBe('Internal_RecordNotFound');
  });

  it('pages with Prefer: odata.maxpagesize and @odata.nextLink, and filters with $filter/$top/$skip/$select', async () => {
    for (let i = 0; i < 5; i++) await call('POST', `/companies(${US})/customers`, { displayName: `Paged ${i}` });
    const first = await call(
      'GET',
      `/companies(${US})/customers?$filter=startswith(displayName,'Paged')&$select=number,displayName`,
      undefined,
      { prefer: 'odata.maxpagesize=2' },
    );
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    expect(first.body.value).toHaveLength(2);
    expect(Object.keys(first.body.value[0])).toEqual(['@odata.etag', 'number', 'displayName']);
    const names: string[] = first.body.value.map((c: { displayName: string }) => c.displayName);
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      const page = await call('GET', next, undefined, { prefer: 'odata.maxpagesize=2' });
      names.push(...page.body.value.map((c: { displayName: string }) => c.displayName));
      next = page.body['@odata.nextLink'];
    }
    expect(names).toEqual(['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
    const top = await call(
      'GET',
      `/companies(${US})/customers?$filter=contains(displayName,'Paged') and displayName ne 'Paged 0'&$top=2&$skip=1`,
    );
    expect(top.body.value.map((c: { displayName: string }) => c.displayName)).toEqual(['Paged 2', 'Paged 3']);
    const bad = await call('GET', `/companies(${US})/customers?$filter=nope eq 1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BadRequest_InvalidFilter');
  });

  it('creates an invoice with lines (deep insert), posts and cancels it with bound actions', async () => {
    const customer = (await call('POST', `/companies(${UK})/customers`, { displayName: 'Thames Two' })).body;
    const invoice = await call('POST', `/companies(${UK})/salesInvoices`, {
      customerId: customer.id,
      externalDocumentNumber: 'INV-EXT-1',
      invoiceDate: '2025-06-30',
      salesInvoiceLines: [
        { lineType: 'Item', lineObjectNumber: 'SVC-CONSULTANT', quantity: 7.5, unitPrice: 160 },
        { lineType: 'Item', lineObjectNumber: 'SVC-MANAGER', quantity: 0.33333, unitPrice: 260, description: 'Review' },
      ],
    });
    expect(invoice.status).toBe(201);
    const id = invoice.body.id as string;
    const read = await call('GET', `/companies(${UK})/salesInvoices(${id})?$expand=salesInvoiceLines`);
    expect(read.body).toMatchObject({
      status: 'Draft',
      number: expect.stringMatching(/^S-INV/),
      totalAmountExcludingTax: 1286.67,
      remainingAmount: 1286.67,
      customerNumber: customer.number,
    });
    expect(
      read.body.salesInvoiceLines.map((l: { sequence: number; amountExcludingTax: number }) => [
        l.sequence,
        l.amountExcludingTax,
      ]),
    ).toEqual([
      [10000, 1200],
      [20000, 86.67],
    ]);
    expect((await call('POST', `/companies(${UK})/salesInvoices(${id})/Microsoft.NAV.post`)).status).toBe(204);
    expect((await call('GET', `/companies(${UK})/salesInvoices(${id})`)).body.status).toBe('Open');
    expect((await call('POST', `/companies(${UK})/salesInvoices(${id})/Microsoft.NAV.post`)).body.error.code).toBe(
      'Application_InvalidStatus',
    );
    expect(
      (await call('PATCH', `/companies(${UK})/salesInvoices(${id})`, { dueDate: '2025-08-01' }, { 'if-match': '*' }))
        .status,
    ).toBe(400);
    const byExt = await call('GET', `/companies(${UK})/salesInvoices?$filter=externalDocumentNumber eq 'INV-EXT-1'`);
    expect(byExt.body.value).toHaveLength(1);
    await fetch(`${app.url}/__sandbox/companies/${UK}/salesInvoices/${id}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 1286.67 }),
    });
    expect((await call('GET', `/companies(${UK})/salesInvoices(${id})`)).body).toMatchObject({
      status: 'Paid',
      remainingAmount: 0,
    });
  });

  it('validates a subscription with the validationToken handshake and notifies changes', async () => {
    const received: any[] = [];
    let echo = true;
    const server: Server = createServer((req, res) => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        if (token) res.writeHead(200, { 'content-type': 'text/plain' }).end(echo ? token : 'nope');
        else {
          received.push(JSON.parse(data));
          res.writeHead(202).end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      echo = false;
      const refused = await call('POST', '/subscriptions', {
        notificationUrl: hook,
        resource: `api/v2.0/companies(${UK})/salesInvoices`,
        clientState: 's3cret',
      });
      expect(refused.status).toBe(400);
      echo = true;
      const sub = await call('POST', '/subscriptions', {
        notificationUrl: hook,
        resource: `api/v2.0/companies(${UK})/salesInvoices`,
        clientState: 's3cret',
      });
      expect(sub.status).toBe(201);
      expect(sub.body).toMatchObject({
        subscriptionId: expect.any(String),
        clientState: 's3cret',
        expirationDateTime: expect.any(String),
      });
      const customer = (await call('POST', `/companies(${UK})/customers`, { displayName: 'Hooked' })).body;
      const invoice = (await call('POST', `/companies(${UK})/salesInvoices`, { customerId: customer.id })).body;
      await new Promise((r) => setTimeout(r, 300));
      expect(received.flatMap((n) => n.value)).toContainEqual(
        expect.objectContaining({
          subscriptionId: sub.body.subscriptionId,
          clientState: 's3cret',
          changeType: 'created',
          resource: `api/v2.0/companies(${UK})/salesInvoices(${invoice.id})`,
        }),
      );
    } finally {
      server.close();
    }
  });

  it('answers 429 with Retry-After past the request budget, and injects faults', async () => {
    let limited: { status: number; headers: Headers; body: any } | undefined;
    for (let i = 0; i < 70 && !limited; i++) {
      const res = await call('GET', `/companies(${UK})/items?$top=1`);
      if (res.status === 429) limited = res;
    }
    expect(limited?.body.error.code).toBe('Application_TooManyRequests');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    await fetch(`${app.url}/__sandbox/reset`, { method: 'POST' });
    await fetch(`${app.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 503, phase: 'after', times: 1, method: 'POST' }),
    });
    const ambiguous = await call('POST', `/companies(${UK})/customers`, { displayName: 'Ambiguous' });
    expect(ambiguous.status).toBe(503);
    expect(
      (await call('GET', `/companies(${UK})/customers?$filter=displayName eq 'Ambiguous'`)).body.value,
    ).toHaveLength(1);
  });
});
