import type { WorkerChangedData } from '@app/contracts';
import type { EventEnvelope } from '@app/messaging';
import { WorkerChangePoller } from '../../apps/system-hris/src/changes/worker-change-poller';
import { WorkerChangeTracker } from '../../apps/system-hris/src/changes/worker-change-tracker';
import { generateSeedWorkers } from '../../apps/sandbox/src/workday/seed/workday-seed-data';
import { HrisHarness } from './hris-test-harness';

/** Change detection: Workday sandbox report -> system-hris tracker -> outbox, each lifecycle event exactly once. */
describe('worker change poller (Workday)', () => {
  let h: HrisHarness;
  let hiredId: string;

  const tracker = () => h.hris!.app.get(WorkerChangeTracker);
  const events = async () =>
    (await h.sql<{ event: EventEnvelope<WorkerChangedData> }>('SELECT event FROM system_hris.outbox ORDER BY id')).map(
      (r) => r.event,
    );
  const kindsFor = async (workerId: string) =>
    (await events()).filter((e) => e.subject === `worker/${workerId}`).map((e) => e.data.lifecycle);

  const NEW_HIRE = {
    givenName: 'Ada',
    familyName: 'Lovelace',
    jobProfile: 'Senior Consultant',
    legalEntity: 'UK-01',
    costCenter: 'UK-100',
    location: 'LON',
    managerId: 'W00002',
    hireDate: '2025-03-03',
    hourlyCostRate: '88.35',
    personalEmail: 'ada.private.7731@mailbox.example',
    dateOfBirth: '1985-12-10',
    homeAddress: '12 Marylebone Lane, London W1U 2NE, United Kingdom',
  };

  beforeAll(async () => {
    h = await HrisHarness.start({ HRIS_POLL_OVERLAP_MS: '2000' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('records the current workforce on the first poll without events', async () => {
    const result = await tracker().pollOnce();
    expect(result).toMatchObject({ initialised: true, seen: 300, events: 0 });
    expect(await events()).toEqual([]);
    expect(await h.sql('SELECT count(*)::int AS n FROM system_hris.worker_snapshots')).toEqual([{ n: 300 }]);
    const [cursor] = await h.sql<{ name: string; last_modified_at: Date }>('SELECT * FROM system_hris.poll_cursors');
    expect(cursor.name).toBe('workday:worker');
    expect(await tracker().pollOnce()).toMatchObject({ initialised: false, events: 0 });
  });

  it('derives a hire exactly once, with the canonical worker and its mapped role', async () => {
    hiredId = (await h.hr('/__sandbox/workers', NEW_HIRE)).employeeId as string;
    expect(await tracker().pollOnce()).toMatchObject({ events: 1, kinds: { hire: 1 } });
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });
    const [event] = (await events()).filter((e) => e.subject === `worker/${hiredId}`);
    expect(event).toMatchObject({
      type: 'worker.changed',
      version: 1,
      source: 'system-hris',
      data: {
        lifecycle: 'hire',
        worker: {
          id: hiredId,
          employeeNumber: hiredId,
          givenName: 'Ada',
          familyName: 'Lovelace',
          status: 'active',
          legalEntityId: 'UK-01',
          costCentre: 'UK-100',
          location: 'LON',
          managerId: 'W00002',
          role: 'senior-consultant',
          hireDate: '2025-03-03',
          costRate: { hourlyCost: { amountMinor: 8835, currency: 'GBP' } },
          crossReferences: { workday: expect.stringMatching(/^[0-9a-f]{32}$/) },
        },
      },
    });
    expect(event.occurredAt).toBe(event.data.worker.updatedAt);
  });

  it('derives transfer, leave, return and termination once each, across a poller restart', async () => {
    await h.hr(`/__sandbox/workers/${hiredId}/job-change`, {
      legalEntity: 'DE-01',
      costCenter: 'DE-100',
      location: 'BER',
    });
    expect(await tracker().pollOnce()).toMatchObject({ events: 1, kinds: { transfer: 1 } });
    const transfer = (await events()).at(-1)!;
    expect(transfer.data).toMatchObject({
      lifecycle: 'transfer',
      previous: { legalEntityId: 'UK-01', costCentre: 'UK-100', location: 'LON' },
      worker: { legalEntityId: 'DE-01', costRate: { hourlyCost: { currency: 'EUR' } } },
    });
    expect(transfer.data.changedFields).toEqual(
      expect.arrayContaining(['legalEntityId', 'costCentre', 'location', 'costRate']),
    );

    await h.hr(`/__sandbox/workers/${hiredId}/job-change`, { managerId: 'W00003' });
    await h.hr(`/__sandbox/workers/${hiredId}/leave`);
    expect(await tracker().pollOnce()).toMatchObject({ events: 2, kinds: { leave: 1, transfer: 1 } });

    await h.startHris(); // restart: same database, a new process would see the same
    expect(await tracker().pollOnce()).toMatchObject({ initialised: false, events: 0 });

    await h.hr(`/__sandbox/workers/${hiredId}/return`);
    expect(await tracker().pollOnce()).toMatchObject({ events: 1, kinds: { return: 1 } });
    await h.hris!.close(); // down while HR terminates: picked up after the restart, once
    await h.hr(`/__sandbox/workers/${hiredId}/terminate`, { terminationDate: '2025-06-30' });
    await h.startHris();
    expect(await tracker().pollOnce()).toMatchObject({ events: 1, kinds: { termination: 1 } });
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });

    expect(await kindsFor(hiredId)).toEqual(['hire', 'transfer', 'leave', 'transfer', 'return', 'termination']);
    const termination = (await events()).at(-1)!;
    expect(termination.data).toMatchObject({
      lifecycle: 'termination',
      previousStatus: 'active',
      worker: { status: 'terminated', terminationDate: '2025-06-30' },
    });
    const leave = (await events()).find((e) => e.data.lifecycle === 'leave')!;
    expect(leave.data.previousStatus).toBe('active');
    const managerMove = (await events()).filter((e) => e.data.lifecycle === 'transfer')[1];
    expect(managerMove.data.previous).toEqual({ managerId: 'W00002' });
  });

  it('holds back a worker whose job profile has no role, then emits once the mapping exists', async () => {
    const { employeeId } = await h.hr('/__sandbox/workers', {
      ...NEW_HIRE,
      givenName: 'Zed',
      jobProfile: 'Quantum Astrologer',
    });
    const held = await tracker().pollOnce();
    expect(held).toMatchObject({ events: 0, unmapped: [{ workerId: employeeId, jobProfile: 'Quantum Astrologer' }] });
    expect(await kindsFor(employeeId)).toEqual([]);
    // A later change of someone else is still processed while the worker is held.
    await h.hr('/__sandbox/workers/W00020/job-change', { location: 'CHI' });
    expect(await tracker().pollOnce()).toMatchObject({ kinds: { transfer: 1 } });

    const put = await h.api('/system/hris/v1/job-profile-mappings/Quantum%20Astrologer', 'PUT', { role: 'consultant' });
    expect(put.status).toBe(201);
    expect(await tracker().pollOnce()).toMatchObject({ events: 1, kinds: { hire: 1 }, unmapped: [] });
    expect(await tracker().pollOnce()).toMatchObject({ events: 0 });
    expect(await kindsFor(employeeId)).toEqual(['hire']);
    expect(await kindsFor('W00020')).toEqual(['transfer']);
  });

  it('never lets personal data out: not in tables, events, responses or logs', async () => {
    const seeded = generateSeedWorkers();
    const secrets = [
      ...seeded.flatMap((w) => [w.personalEmail, w.dateOfBirth, w.homeAddress]),
      NEW_HIRE.personalEmail,
      NEW_HIRE.dateOfBirth,
      NEW_HIRE.homeAddress,
    ];
    // The sandbox really serves them (the test would prove nothing otherwise).
    const seededReport = await h.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM sandbox_workday.workers WHERE personal_email IS NOT NULL AND date_of_birth IS NOT NULL AND home_address IS NOT NULL`,
    );
    expect(seededReport[0].n).toBeGreaterThanOrEqual(301);

    const haystacks: Array<{ where: string; text: string }> = [];
    const tables = await h.sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'system_hris' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['outbox', 'worker_snapshots', 'poll_cursors']),
    );
    for (const { table_name } of tables) {
      const rows = await h.sql<{ row: string }>(`SELECT t::text AS row FROM system_hris."${table_name}" t`);
      haystacks.push({ where: `table ${table_name}`, text: rows.map((r) => r.row).join('\n') });
    }
    const outbox = await events();
    expect(outbox.length).toBeGreaterThan(5);
    haystacks.push({ where: 'outbox events', text: JSON.stringify(outbox) });
    for (let offset = 0; offset < 320; offset += 200) {
      const page = await h.api(`/system/hris/v1/workers?limit=200&offset=${offset}`);
      expect(page.status).toBe(200);
      haystacks.push({ where: `GET workers offset ${offset}`, text: JSON.stringify(page.body) });
    }
    for (const id of ['W00001', hiredId]) {
      haystacks.push({
        where: `GET workers/${id}`,
        text: JSON.stringify((await h.api(`/system/hris/v1/workers/${id}`)).body),
      });
    }
    // An error path too (a report row logged on a mapping problem would leak).
    await h.api('/system/hris/v1/job-profile-mappings/Quantum%20Astrologer', 'DELETE');
    const unmapped = await h.api('/system/hris/v1/workers?legalEntityId=UK-01&limit=200');
    expect(unmapped.status).toBe(422);
    haystacks.push({ where: 'unmapped error', text: JSON.stringify(unmapped.body) });
    expect(h.logs.length).toBeGreaterThan(10);
    haystacks.push({ where: 'logs', text: h.logs.join('\n') });

    const leaks: string[] = [];
    for (const { where, text } of haystacks) {
      for (const secret of secrets) if (text.includes(secret)) leaks.push(`${where}: ${secret}`);
    }
    expect(leaks).toEqual([]);
  });

  it('polls on its own while the app runs, and the relay publishes the event', async () => {
    await h.startHris({ HRIS_POLL_ENABLED: 'true', HRIS_POLL_INTERVAL_MS: '100' });
    expect(h.hris!.app.get(WorkerChangePoller).isRunning).toBe(true);
    const { employeeId } = await h.hr('/__sandbox/workers', { ...NEW_HIRE, givenName: 'Timer' });
    const deadline = Date.now() + 10_000;
    let published: Array<{ published_at: Date | null }> = [];
    while (Date.now() < deadline) {
      published = await h.sql<{ published_at: Date | null }>(
        `SELECT published_at FROM system_hris.outbox WHERE event->>'subject' = $1`,
        [`worker/${employeeId}`],
      );
      if (published.length > 0 && published[0].published_at) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(published).toHaveLength(1);
    expect(published[0].published_at).not.toBeNull();
    const metrics = await (await fetch(`${h.hris!.url}/metrics`)).text();
    expect(metrics).toMatch(/hris_events_staged_total\{[^}]*lifecycle="hire"[^}]*\} [1-9]/);
    await h.hris!.close();
    expect(h.hris!.app.get(WorkerChangePoller).isRunning).toBe(false);
  });
});
