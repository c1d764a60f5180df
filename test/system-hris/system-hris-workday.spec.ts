import { jsonRequest as http } from '@app/testing';
import { HrisHarness } from './hris-test-harness';

/** system-hris over HTTP against the Workday sandbox: workers, paging, filters, mappings, tokens, errors. */
describe('system-hris against the Workday sandbox', () => {
  let h: HrisHarness;

  const tokensIssued = async () =>
    (await h.sql<{ n: number }>('SELECT count(*)::int AS n FROM sandbox_workday.access_tokens'))[0].n;

  beforeAll(async () => {
    h = await HrisHarness.start({ HTTP_CLIENT_RETRIES: '1' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('lists every worker in the canonical model, paged, with status and legal entity filters', async () => {
    const first = await h.api('/system/hris/v1/workers?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 300, limit: 2, offset: 0 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toEqual({
      id: 'W00001',
      crossReferences: { workday: expect.stringMatching(/^[0-9a-f]{32}$/) },
      updatedAt: expect.stringMatching(/^2025-01-06T09:00:01\.000Z$/),
      employeeNumber: 'W00001',
      givenName: expect.any(String),
      familyName: expect.any(String),
      email: expect.stringMatching(/@demo-firm\.example$/),
      status: 'active',
      legalEntityId: 'US-01',
      costCentre: 'US-100',
      location: 'NYC',
      role: 'partner',
      costRate: { hourlyCost: { amountMinor: expect.any(Number), currency: 'USD' }, effectiveFrom: '2025-01-06' },
      hireDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(first.body.items[1]).toMatchObject({ id: 'W00002', managerId: 'W00001', role: 'partner' });

    const all = await h.api('/system/hris/v1/workers?limit=200&offset=200');
    expect(all.body.items).toHaveLength(100);
    expect(all.body.items.at(-1).id).toBe('W00300');

    const de = await h.api('/system/hris/v1/workers?legalEntityId=DE-01&status=active&limit=200');
    expect(de.body.total).toBeGreaterThan(50);
    for (const w of de.body.items) {
      expect(w).toMatchObject({
        legalEntityId: 'DE-01',
        status: 'active',
        costRate: { hourlyCost: { currency: 'EUR' } },
      });
    }
    const gone = await h.api('/system/hris/v1/workers?status=terminated&limit=200');
    expect(gone.body.total).toBeGreaterThan(0);
    for (const w of gone.body.items) expect(w.terminationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const bad = await h.api('/system/hris/v1/workers?status=fired&limit=500');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
  });

  it('gets one worker by employee number or Workday ID; 404 otherwise', async () => {
    const byNumber = await h.api('/system/hris/v1/workers/W00010');
    expect(byNumber.status).toBe(200);
    const byWid = await h.api(`/system/hris/v1/workers/${byNumber.body.crossReferences.workday}`);
    expect(byWid.body).toEqual(byNumber.body);
    const missing = await h.api('/system/hris/v1/workers/W99999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'https://errors.ps-gateway.dev/not-found', status: 404 });
  });

  it('caches the access token, and renews it once when Workday answers 401', async () => {
    await h.api('/system/hris/v1/workers/W00001');
    const before = await tokensIssued();
    await h.api('/system/hris/v1/workers/W00001');
    expect(await tokensIssued()).toBe(before); // cached

    await h.hr('/__sandbox/tokens/expire');
    const res = await h.api('/system/hris/v1/workers/W00002');
    expect(res.status).toBe(200);
    expect(await tokensIssued()).toBe(before + 1); // one renewal
  });

  it('reads and changes the job profile -> role mappings; an unmapped profile is a 422, never a guess', async () => {
    const list = await h.api('/system/hris/v1/job-profile-mappings');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      jobProfile: 'Senior Consultant',
      role: 'senior-consultant',
      updatedAt: expect.any(String),
    });
    expect(list.body.items).toHaveLength(11);

    const { employeeId } = await h.hr('/__sandbox/workers', {
      givenName: 'Ned',
      familyName: 'Ludd',
      jobProfile: 'Loom Specialist',
      legalEntity: 'UK-01',
      costCenter: 'UK-200',
      location: 'MAN',
      hireDate: '2025-04-01',
      hourlyCostRate: '41.10',
    });
    const unmapped = await h.api(`/system/hris/v1/workers/${employeeId}`);
    expect(unmapped.status).toBe(422);
    expect(unmapped.headers.get('content-type')).toContain('application/problem+json');
    expect(unmapped.body).toMatchObject({
      type: 'https://errors.ps-gateway.dev/unmapped-job-profile',
      status: 422,
      vendor: 'workday',
      vendorCode: 'UNMAPPED_JOB_PROFILE',
      field: 'role',
      jobProfile: 'Loom Specialist',
      errors: [{ field: 'role', message: expect.stringContaining('Loom Specialist') }],
    });
    // The page holding that worker fails the same way; other pages still serve.
    expect((await h.api('/system/hris/v1/workers?limit=200&offset=200')).status).toBe(422);
    expect((await h.api('/system/hris/v1/workers?limit=200')).status).toBe(200);

    expect(
      (await h.api('/system/hris/v1/job-profile-mappings/Loom%20Specialist', 'PUT', { role: 'Weaver!' })).status,
    ).toBe(400);
    const created = await h.api('/system/hris/v1/job-profile-mappings/Loom%20Specialist', 'PUT', { role: 'engineer' });
    expect(created).toMatchObject({ status: 201, body: { jobProfile: 'Loom Specialist', role: 'engineer' } });
    expect((await h.api(`/system/hris/v1/workers/${employeeId}`)).body).toMatchObject({
      role: 'engineer',
      costRate: { hourlyCost: { amountMinor: 4110, currency: 'GBP' } },
    });
    const changed = await h.api('/system/hris/v1/job-profile-mappings/Loom%20Specialist', 'PUT', { role: 'analyst' });
    expect(changed.status).toBe(200);
    expect((await h.api('/system/hris/v1/job-profile-mappings/Loom%20Specialist')).body.role).toBe('analyst');
    expect((await h.api('/system/hris/v1/job-profile-mappings/Loom%20Specialist', 'DELETE')).status).toBe(204);
    expect((await h.api('/system/hris/v1/job-profile-mappings/Loom%20Specialist')).status).toBe(404);
  });

  it('answers 503 when Workday keeps rate limiting', async () => {
    await http(`${h.sandbox.url}/__sandbox/faults`, 'POST', { status: 429, pathPrefix: '/ccx/service' });
    const limited = await h.api('/system/hris/v1/workers/W00001');
    await http(`${h.sandbox.url}/__sandbox/faults`, 'DELETE');
    expect(limited.status).toBe(503);
    expect(limited.body).toMatchObject({ dependency: 'workday', vendor: 'workday', upstreamStatus: 429 });
    expect((await h.api('/system/hris/v1/workers/W00001')).status).toBe(200);
  });
  it('turns Workday failures into problem+json naming the vendor', async () => {
    await http(`${h.sandbox.url}/__sandbox/faults`, 'POST', { status: 500, pathPrefix: '/ccx/service' });
    const failed = await h.api('/system/hris/v1/workers/W00001');
    await http(`${h.sandbox.url}/__sandbox/faults`, 'DELETE');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ dependency: 'workday' });

    await h.startHris({ WORKDAY_REPORT_NAME: 'No_Such_Report' });
    const missing = await h.api('/system/hris/v1/workers/W00001');
    expect(missing.status).toBe(502);
    expect(missing.body).toMatchObject({
      dependency: 'workday',
      vendor: 'workday',
      vendorCode: 'Report not found: ISU_Integrations/No_Such_Report',
      upstreamStatus: 404,
    });
    await h.startHris({ WORKDAY_REPORT_NAME: 'Worker_Sync', WORKDAY_CLIENT_SECRET: 'wrong' });
    const refused = await h.api('/system/hris/v1/workers/W00001');
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ vendor: 'workday', vendorCode: 'invalid_client', upstreamStatus: 401 });
  });

  it('renews the token before its assumed expiry', async () => {
    await h.startHris({ WORKDAY_CLIENT_SECRET: 'demo-secret', WORKDAY_TOKEN_TTL_SECONDS: '1' });
    await h.api('/system/hris/v1/workers/W00001');
    const before = await tokensIssued();
    await new Promise((r) => setTimeout(r, 600)); // past half the lifetime
    await h.api('/system/hris/v1/workers/W00001');
    expect(await tokensIssued()).toBe(before + 1);
  });

  it('queues its requests within the Workday budget instead of running into 429', async () => {
    await h.startHris({
      WORKDAY_TOKEN_TTL_SECONDS: '3600',
      WORKDAY_MAX_REQUESTS_PER_SECOND: '8',
      WORKDAY_REQUEST_BURST: '1',
    });
    await http(`${h.sandbox.url}/__sandbox/rate-limit`, 'POST', { requestsPerSecond: 9 });
    const limitedBefore = (await http(`${h.sandbox.url}/__sandbox/state`)).body.rateLimited as number;
    const t = Date.now();
    const pages = await Promise.all([
      h.api('/system/hris/v1/workers?limit=5'),
      h.api('/system/hris/v1/workers?limit=5'),
    ]);
    expect(pages.map((p) => p.status)).toEqual([200, 200]);
    expect(Date.now() - t).toBeGreaterThanOrEqual(800); // 9 requests at 8 per second
    expect((await http(`${h.sandbox.url}/__sandbox/state`)).body.rateLimited).toBe(limitedBefore);
    await http(`${h.sandbox.url}/__sandbox/rate-limit`, 'POST', { requestsPerSecond: 50 });
  });
});
