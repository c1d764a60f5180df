import { demoFirm } from '../../apps/sandbox/src/common/demo-firm';
import { PsaHarness, objectsOf } from './psa-test-harness';

/** The demo firm the Kantata sandbox seeds (workspaces 1000.. in project order, users 2000.. in worker order). */
const firm = demoFirm();
const [p1, p2, p3] = firm.projects;
const userIdOf = (workerId: string) => String(2000 + firm.workers.findIndex((w) => w.employeeId === workerId));
const milestoneProject = firm.projects.find((p) => p.billingModel === 'Milestone')!;
const week = (p: typeof p1) =>
  firm.timeEntries.filter(
    (t) => t.projectId === p.id && t.approved && t.date >= '2025-06-02' && t.date <= '2025-06-06',
  );

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
      expect(res.body.items).toHaveLength(firm.projects.length);
      expect(res.body.items[0]).toEqual({
        id: 'PRJ-0001',
        crossReferences: { kantata: '1000' },
        updatedAt: expect.stringMatching(/^2025-06-01T08:\d\d:00\.000Z$/),
        name: p1.name,
        customerId: p1.customerId,
        contractId: 'CTR-0001',
        legalEntityId: p1.legalEntity,
        billingModel: 'time-and-materials',
        status: 'active',
        currency: p1.currency,
        startDate: p1.startDate,
        endDate: p1.endDate,
        budget: { amountMinor: p1.budgetMinor, currency: p1.currency },
      });
      expect((await h.api('GET', '/projects/1001')).body.id).toBe(p2.id);
      expect((await h.api('GET', `/cross-references/project/${p3.id}`)).body).toEqual({
        kind: 'project',
        id: p3.id,
        crossReferences: { kantata: '1002' },
      });
      const missing = await h.api('GET', '/projects/PRJ-9999');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
    });

    it('lists time entries across every Kantata page (page size 50)', async () => {
      const all = await h.api('GET', '/time-entries');
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(firm.timeEntries.length);
      expect(new Set(all.body.items.map((t: any) => t.id)).size).toBe(firm.timeEntries.length);
      const approved = await h.api(
        'GET',
        '/time-entries?status=approved&projectId=PRJ-0001&from=2025-06-02&to=2025-06-06',
      );
      expect(approved.body.items).toHaveLength(week(p1).length);
      expect(approved.body.items[0]).toEqual({
        id: expect.stringMatching(/^kantata-time-entry-\d+$/),
        crossReferences: { kantata: expect.stringMatching(/^\d+$/) },
        updatedAt: expect.any(String),
        workerId: expect.stringMatching(/^W\d{5}$/), // the users' ps-gateway worker references
        projectId: 'PRJ-0001',
        date: expect.stringMatching(/^2025-06-0[2-6]$/),
        minutes: expect.any(Number),
        billable: expect.any(Boolean),
        status: 'approved',
        description: `Work on ${p1.name}`,
        approvedAt: expect.any(String),
      });
      const metrics = await (await fetch(`${h.psa!.url}/metrics`)).text();
      expect(metrics).toMatch(/http_client_request_duration_seconds_count\{[^}]*target="kantata"/);
    });

    it('maps users, assignments, milestones and rate cards', async () => {
      const worker = firm.workers.find((w) => w.role === 'senior-consultant' && w.status === 'Active')!;
      const users = await h.api('GET', `/users?email=${worker.workEmail}`);
      expect(users.body.items).toEqual([
        expect.objectContaining({
          id: worker.employeeId,
          name: `${worker.givenName} ${worker.familyName}`,
          role: 'senior-consultant',
          active: true,
          crossReferences: { kantata: userIdOf(worker.employeeId) },
        }),
      ]);
      const assignments = await h.api('GET', `/projects/${p2.id}/assignments`);
      expect(assignments.body.items).toHaveLength(p2.team.length);
      expect(assignments.body.items[0]).toMatchObject({
        projectId: p2.id,
        workerId: p2.team[0].workerId,
        status: 'confirmed',
      });
      const milestones = await h.api('GET', `/projects/${milestoneProject.id}/milestones`);
      const status = { completed: 'completed', started: 'in-progress', 'not started': 'planned' } as const;
      expect(milestones.body.items).toEqual(
        milestoneProject.milestones.map((m) =>
          expect.objectContaining({
            id: m.id,
            name: m.title,
            status: status[m.state],
            dueDate: m.dueDate,
            contractId: milestoneProject.contractId,
            amount: { amountMinor: m.amountMinor, currency: milestoneProject.currency },
          }),
        ),
      );
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
      expect(res.body.items).toHaveLength(firm.timeEntries.filter((t) => t.projectId === 'PRJ-0001').length);
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
      await h.control('POST', '/faults', { status: 500, phase: 'after', errorRate: 0.25, seed: 11 });
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
        workerId: firm.workers[4].employeeId, // Kantata user 2004 carries its worker reference
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
