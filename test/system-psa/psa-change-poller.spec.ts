import type { EventEnvelope } from '@app/messaging';
import { PsaChangePoller } from '../../apps/system-psa/src/changes/psa-change-poller';
import { PsaChangeTracker } from '../../apps/system-psa/src/changes/psa-change-tracker';
import { objectsOf, PsaHarness } from './psa-test-harness';

/** Change detection: Kantata sandbox -> system-psa poller -> outbox, exactly once. */
describe('PSA change poller', () => {
  let h: PsaHarness;

  const tracker = () => h.psa!.app.get(PsaChangeTracker);
  const events = async (type?: string) =>
    (await h.sql<{ event: EventEnvelope<any> }>('SELECT event FROM system_psa.outbox ORDER BY id'))
      .map((r) => r.event)
      .filter((e) => !type || e.type === type);
  const sum = (results: Array<{ events: number }>) => results.reduce((n, r) => n + r.events, 0);
  const unapproved = async () =>
    objectsOf((await h.kantata('GET', '/time_entries?approved=false&per_page=5')).body, 'time_entries');
  const approve = (id: string) => h.kantata('PUT', `/time_entries/${id}`, { time_entry: { approved: true } });

  beforeAll(async () => {
    h = await PsaHarness.start({ PSA_POLL_OVERLAP_MS: '2000' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('starts every feed at now: history (already approved, completed) emits nothing', async () => {
    const results = await tracker().pollOnce();
    expect(results).toEqual([
      expect.objectContaining({ feed: 'kantata:time_entry', initialised: true, events: 0 }),
      expect.objectContaining({ feed: 'kantata:expense', initialised: true, events: 0 }),
      expect.objectContaining({ feed: 'kantata:milestone', initialised: true, events: 0 }),
    ]);
    expect(results[0].seen).toBeGreaterThan(100);
    expect(await events()).toEqual([]);
    expect(sum(await tracker().pollOnce())).toBe(0);
  });

  it('stages exactly one time.approved per approval, also across a restart', async () => {
    const [entry] = await unapproved();
    await approve(entry.id);
    expect(sum(await tracker().pollOnce())).toBe(1);
    expect(sum(await tracker().pollOnce())).toBe(0);
    await h.startPsa(); // a new process sees the same database
    expect(sum(await tracker().pollOnce())).toBe(0);
    const staged = await events('time.approved');
    expect(staged).toHaveLength(1);
    expect(staged[0]).toMatchObject({
      type: 'time.approved',
      source: 'system-psa',
      subject: `time-entry/kantata-time-entry-${entry.id}`,
      data: {
        timeEntry: { id: `kantata-time-entry-${entry.id}`, status: 'approved', crossReferences: { kantata: entry.id } },
        approvedAt: expect.stringMatching(/Z$/),
      },
    });
  });

  it('picks up an approval made while system-psa was down, once; edits and unapprovals emit nothing', async () => {
    await h.psa!.close();
    h.psa = undefined;
    const [a, b] = await unapproved();
    await approve(a.id);
    await h.kantata('PUT', `/time_entries/${b.id}`, { time_entry: { notes: 'edited' } });
    await h.startPsa();
    expect(sum(await tracker().pollOnce())).toBe(1);
    expect(sum(await tracker().pollOnce())).toBe(0);
    expect((await events('time.approved')).map((e) => e.data.timeEntry.crossReferences.kantata)).toContain(a.id);
    await h.kantata('PUT', `/time_entries/${a.id}`, { time_entry: { approved: false } });
    expect(sum(await tracker().pollOnce())).toBe(0);
  });

  it('emits milestone.completed and expense.approved', async () => {
    const stories = objectsOf(
      (await h.kantata('GET', '/stories?story_type=milestone&state=not started')).body,
      'stories',
    );
    await h.kantata('PUT', `/stories/${stories[0].id}`, { story: { state: 'completed' } });
    const expenses = objectsOf((await h.kantata('GET', '/expenses?approved=false')).body, 'expenses');
    await h.kantata('PUT', `/expenses/${expenses[0].id}`, { expense: { approved: true } });
    expect(sum(await tracker().pollOnce())).toBe(2);
    expect(await events('milestone.completed')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          milestone: expect.objectContaining({ name: stories[0].title, status: 'completed' }),
        }),
      }),
    ]);
    expect(await events('expense.approved')).toHaveLength(1);
  });

  it('polls by itself while the app runs and stops with it', async () => {
    await h.startPsa({ PSA_POLL_ENABLED: 'true', PSA_POLL_INTERVAL_MS: '100' });
    const poller = h.psa!.app.get(PsaChangePoller);
    expect(poller.isRunning).toBe(true);
    const [entry] = await unapproved();
    await approve(entry.id);
    const deadline = Date.now() + 10_000;
    while ((await events('time.approved')).every((e) => e.data.timeEntry.crossReferences.kantata !== entry.id)) {
      if (Date.now() > deadline) throw new Error('no event staged');
      await new Promise((r) => setTimeout(r, 100));
    }
    await h.psa!.close();
    h.psa = undefined;
    expect(poller.isRunning).toBe(false);
    expect(
      (await events('time.approved')).filter((e) => e.data.timeEntry.crossReferences.kantata === entry.id),
    ).toHaveLength(1);
  });
});
