import { PsaHarness, objectsOf } from './psa-test-harness';

/** system-psa against the Kantata sandbox over HTTP. */
describe('system-psa with Kantata', () => {
  let h: PsaHarness;

  const newProject = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: `Project ${id}`,
    customerId: 'ACC-0042',
    contractId: `CTR-${id}`,
    legalEntityId: 'US-01',
    billingModel: 'time-and-materials',
    status: 'active',
    currency: 'USD',
    startDate: '2025-07-01',
    endDate: '2025-12-31',
    budget: { amountMinor: 1250000, currency: 'USD' },
    ...extra,
  });
  const workspacesWithRef = async (ref: string) =>
    objectsOf(
      (await h.kantata('GET', `/external_references?service_model=project&service_model_ref=${ref}`)).body,
      'external_references',
    );

  beforeAll(async () => {
    h = await PsaHarness.start({
      KANTATA_PAGE_SIZE: '50',
      KANTATA_TIMEOUT_MS: '1000',
      HTTP_CLIENT_HALF_OPEN_AFTER_MS: '500',
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  describe('reads', () => {
    it('lists the seeded projects in the canonical model with their Kantata ids', async () => {
      const res = await h.api('GET', '/projects');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(3);
      expect(res.body.items[0]).toEqual({
        id: 'PRJ-0001',
        crossReferences: { kantata: '1000' },
        updatedAt: expect.stringMatching(/^2025-06-01T08:\d\d:00\.000Z$/),
        name: 'Acme Corp - ERP Rollout',
        customerId: 'ACC-0001',
        contractId: 'CTR-0001',
        legalEntityId: 'US-01',
        billingModel: 'time-and-materials',
        status: 'active',
        currency: 'USD',
        startDate: '2025-05-01',
        endDate: '2025-12-19',
        budget: { amountMinor: 48000000, currency: 'USD' },
      });
      expect((await h.api('GET', '/projects/1001')).body.id).toBe('PRJ-0002');
      expect((await h.api('GET', '/cross-references/project/PRJ-0003')).body).toEqual({
        kind: 'project',
        id: 'PRJ-0003',
        crossReferences: { kantata: '1002' },
      });
      const missing = await h.api('GET', '/projects/PRJ-9999');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
    });

    it('lists time entries across every Kantata page (page size 50)', async () => {
      const all = await h.api('GET', '/time-entries');
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(189);
      expect(new Set(all.body.items.map((t: any) => t.id)).size).toBe(189);
      const approved = await h.api(
        'GET',
        '/time-entries?status=approved&projectId=PRJ-0001&from=2025-06-02&to=2025-06-06',
      );
      expect(approved.body.items).toHaveLength(20);
      expect(approved.body.items[0]).toEqual({
        id: expect.stringMatching(/^kantata-time-entry-\d+$/),
        crossReferences: { kantata: expect.stringMatching(/^\d+$/) },
        updatedAt: expect.any(String),
        workerId: expect.stringMatching(/^kantata-user-\d+$/),
        projectId: 'PRJ-0001',
        date: expect.stringMatching(/^2025-06-0[2-6]$/),
        minutes: expect.any(Number),
        billable: expect.any(Boolean),
        status: 'approved',
        description: 'Work on ERP Rollout',
        approvedAt: expect.any(String),
      });
      const metrics = await (await fetch(`${h.psa!.url}/metrics`)).text();
      expect(metrics).toMatch(/http_client_request_duration_seconds_count\{[^}]*target="kantata"/);
    });

    it('maps users, assignments, milestones and rate cards', async () => {
      const users = await h.api('GET', '/users?email=noah.patel@demo-firm.example');
      expect(users.body.items).toEqual([
        expect.objectContaining({
          name: 'Noah Patel',
          role: 'senior-consultant',
          active: true,
          crossReferences: { kantata: '2002' },
        }),
      ]);
      const assignments = await h.api('GET', '/projects/PRJ-0002/assignments');
      expect(assignments.body.items).toHaveLength(3);
      expect(assignments.body.items[0]).toMatchObject({
        projectId: 'PRJ-0002',
        status: 'confirmed',
        startDate: '2025-06-02',
      });
      const milestones = await h.api('GET', '/projects/PRJ-0002/milestones');
      expect(milestones.body.items).toEqual([
        expect.objectContaining({
          name: 'Discovery report',
          status: 'completed',
          contractId: 'CTR-0002',
          amount: { amountMinor: 4500000, currency: 'EUR' },
        }),
        expect.objectContaining({ name: 'Platform live', status: 'planned', dueDate: '2025-10-31' }),
      ]);
      const cards = await h.api('GET', '/rate-cards');
      const usd = cards.body.items.find((c: any) => c.currency === 'USD');
      expect(usd.versions.map((v: any) => [v.version, v.effectiveFrom, v.effectiveTo])).toEqual([
        [1, '2025-01-01', '2025-07-01'],
        [2, '2025-07-01', undefined],
      ]);
      expect(usd.versions[0].billRates).toContainEqual({
        role: 'partner',
        hourlyRate: { amountMinor: 42500, currency: 'USD' },
      });
      expect(usd.versions[1].billRates).toContainEqual({
        role: 'partner',
        hourlyRate: { amountMinor: 44625, currency: 'USD' },
      });
    });

    it('waits out Kantata 429s (Retry-After) instead of failing a read', async () => {
      await h.control('POST', '/rate-limit', { requests: 3, windowSeconds: 1 });
      const res = await h.api('GET', '/time-entries?projectId=PRJ-0001');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(84);
      const metrics = await (await fetch(`${h.psa!.url}/metrics`)).text();
      expect(metrics).toMatch(/http_client_retries_total\{[^}]*target="kantata"[^}]*\} [1-9]/);
      await h.control('POST', '/rate-limit', { requests: 1000, windowSeconds: 60 });
    });

    it('renews the token once when Kantata expires it (401)', async () => {
      expect((await h.control('POST', '/tokens/expire')).body.expired).toBeGreaterThan(0);
      const res = await h.api('GET', '/projects/PRJ-0001');
      expect(res.status).toBe(200);
    });
  });

  describe('creates safe to retry', () => {
    it('creates a project once although Kantata lost the response (create done, 500 answered)', async () => {
      await h.control('POST', '/faults', {
        status: 500,
        phase: 'after',
        method: 'POST',
        pathPrefix: '/api/v1/workspaces',
        times: 1,
      });
      const first = await h.api('POST', '/projects', newProject('PRJ-1001'));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        id: 'PRJ-1001',
        name: 'Project PRJ-1001',
        customerId: 'ACC-0042',
        budget: { amountMinor: 1250000, currency: 'USD' },
      });
      expect(await workspacesWithRef('PRJ-1001')).toHaveLength(1);
      const retry = await h.api('POST', '/projects', newProject('PRJ-1001'));
      expect(retry.status).toBe(200);
      expect(retry.body.crossReferences).toEqual(first.body.crossReferences);
      const workspaces = objectsOf((await h.kantata('GET', '/workspaces?search=Project PRJ-1001')).body, 'workspaces');
      expect(workspaces).toHaveLength(1);
      expect((await h.api('GET', '/cross-references/project/PRJ-1001')).body.crossReferences).toEqual(
        first.body.crossReferences,
      );
    });

    it('creates a project once when Kantata answers after the timeout', async () => {
      await h.control('POST', '/faults', {
        delayMs: 1500,
        phase: 'after',
        method: 'POST',
        pathPrefix: '/api/v1/workspaces',
        times: 1,
      });
      const res = await h.api('POST', '/projects', newProject('PRJ-1002'));
      expect(res.status).toBe(201);
      expect(await workspacesWithRef('PRJ-1002')).toHaveLength(1);
      expect(
        objectsOf((await h.kantata('GET', '/workspaces?search=Project PRJ-1002')).body, 'workspaces'),
      ).toHaveLength(1);
    });

    it('creates exactly one workspace per project while 25% of Kantata responses are lost (seeded)', async () => {
      await h.control('POST', '/faults', { status: 500, phase: 'after', probability: 0.25, seed: 11 });
      const ids = Array.from({ length: 8 }, (_, i) => `PRJ-20${String(i).padStart(2, '0')}`);
      const statuses: number[] = [];
      for (const id of ids) statuses.push((await h.api('POST', '/projects', newProject(id))).status);
      await h.control('DELETE', '/faults');
      expect(statuses.every((s) => s === 201 || s === 200)).toBe(true);
      for (const id of ids) expect(await workspacesWithRef(id)).toHaveLength(1);
    });

    it('staffs a user and creates a milestone once', async () => {
      const a1 = await h.api('POST', '/projects/PRJ-1001/assignments', {
        userId: 'kantata-user-2004',
        role: 'consultant',
      });
      expect(a1.status).toBe(201);
      expect(a1.body).toMatchObject({
        projectId: 'PRJ-1001',
        workerId: 'kantata-user-2004',
        role: 'consultant',
        startDate: '2025-07-01',
      });
      const a2 = await h.api('POST', '/projects/PRJ-1001/assignments', {
        userId: 'kantata-user-2004',
        role: 'consultant',
      });
      expect(a2.status).toBe(200);
      expect(a2.body.id).toBe(a1.body.id);
      const badRole = await h.api('POST', '/projects/PRJ-1001/assignments', {
        userId: 'kantata-user-2005',
        role: 'astronaut',
      });
      expect(badRole.status).toBe(422);
      expect(badRole.body.errors[0].field).toBe('role');
      const m = {
        id: 'MS-1001-1',
        name: 'Go live',
        dueDate: '2025-11-30',
        amount: { amountMinor: 500000, currency: 'USD' },
      };
      expect((await h.api('POST', '/projects/PRJ-1001/milestones', m)).status).toBe(201);
      expect((await h.api('POST', '/projects/PRJ-1001/milestones', m)).status).toBe(200);
      expect((await h.api('GET', '/projects/PRJ-1001/milestones')).body.items).toEqual([
        expect.objectContaining({
          id: 'MS-1001-1',
          status: 'planned',
          amount: { amountMinor: 500000, currency: 'USD' },
        }),
      ]);
    });
  });

  describe('errors', () => {
    it('maps a Kantata validation error to 422 problem+json with vendor, vendorCode and the canonical field', async () => {
      const res = await h.api('POST', '/projects', newProject('PRJ-1003', { currency: 'SEK', budget: undefined }));
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        status: 422,
        vendor: 'kantata',
        vendorCode: 'validation',
        errors: [expect.objectContaining({ field: 'currency', vendorField: 'currency' })],
      });
    });

    it('answers 502/503 problems naming kantata when it keeps failing', async () => {
      await h.control('POST', '/faults', { status: 503, pathPrefix: '/api/v1/workspaces', method: 'GET' });
      const res = await h.api('GET', '/projects');
      expect([502, 503]).toContain(res.status);
      expect(res.body.dependency).toBe('kantata');
      await h.control('DELETE', '/faults');
    });

    it('opens the circuit during an outage (fast 503), and closes it after recovery', async () => {
      await h.control('POST', '/faults', { status: 503 });
      for (let i = 0; i < 3; i++) await h.api('GET', '/projects/PRJ-0001');
      const started = Date.now();
      const fast = await h.api('GET', '/projects/PRJ-0001');
      expect(fast.status).toBe(503);
      expect(fast.body).toMatchObject({ dependency: 'kantata' });
      expect(Date.now() - started).toBeLessThan(500);
      const metrics = async () => (await fetch(`${h.psa!.url}/metrics`)).text();
      expect(await metrics()).toMatch(/http_client_circuit_state\{[^}]*target="kantata"[^}]*\} 1/);
      await h.control('DELETE', '/faults');
      await new Promise((r) => setTimeout(r, 600));
      expect((await h.api('GET', '/projects/PRJ-0001')).status).toBe(200);
      expect(await metrics()).toMatch(/http_client_circuit_state\{[^}]*target="kantata"[^}]*\} 0/);
    });
  });
});
