import { PsaHarness, objectsOf } from './psa-test-harness';

/**
 * The PSA writes a contract amendment (and a provisioning compensation) needs, against the Kantata
 * sandbox over HTTP in Kantata's wire format: project PATCH (budget, end date, archive), milestone PUT
 * (create or change), rate-card version POST (effective-dated, never overlapping, safe to retry).
 */
describe('system-psa writes for amendments (Kantata)', () => {
  let h: PsaHarness;
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

  beforeAll(async () => {
    h = await PsaHarness.start({ KANTATA_PAGE_SIZE: '50' });
    const created = await h.api('POST', '/projects', {
      id: 'PRJ-AMEND-1',
      name: 'Amended project',
      customerId: 'ACC-0042',
      contractId: 'CTR-AMEND-1',
      legalEntityId: 'US-01',
      billingModel: 'time-and-materials',
      status: 'active',
      currency: 'USD',
      startDate: '2026-04-01',
      endDate: '2026-09-30',
      budget: usd(1_000_000),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('patches budget and end date (PUT /workspaces/{id}) and archives the workspace', async () => {
    const patched = await h.api('PATCH', '/projects/PRJ-AMEND-1', { budget: usd(2_345_678), endDate: '2026-12-31' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ budget: usd(2_345_678), endDate: '2026-12-31', status: 'active' });
    const ws = objectsOf(
      (await h.kantata('GET', `/workspaces/${patched.body.crossReferences.kantata}`)).body,
      'workspaces',
    )[0];
    expect(ws).toMatchObject({ price_in_cents: 2_345_678, due_date: '2026-12-31', budgeted: true, archived: false });
    const problems = await h.api('PATCH', '/projects/PRJ-AMEND-1', {
      budget: { amountMinor: 1, currency: 'EUR' },
      endDate: '2026-01-01',
    });
    expect(problems.status).toBe(422);
    expect((problems.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'budget.currency',
      'endDate',
    ]);
    expect((await h.api('PATCH', '/projects/NO-SUCH', { endDate: '2026-12-31' })).status).toBe(404);
    const archived = await h.api('PATCH', '/projects/PRJ-AMEND-1', { status: 'archived' });
    expect(archived.status).toBe(200);
    const after = objectsOf(
      (await h.kantata('GET', `/workspaces/${patched.body.crossReferences.kantata}`)).body,
      'workspaces',
    )[0];
    expect(after.archived).toBe(true);
    expect((await h.api('PATCH', '/projects/PRJ-AMEND-1', { status: 'active' })).body.status).toBe('active');
  });

  it('creates a milestone by PUT (201), then changes it (200)', async () => {
    const put = (body: unknown) => h.api('PUT', '/projects/PRJ-AMEND-1/milestones/MS-AMEND-1', body);
    const created = await put({ name: 'Phase 2', amount: usd(500_000), dueDate: '2026-11-30' });
    expect(created.status).toBe(201);
    const changed = await put({ name: 'Phase 2 (revised)', amount: usd(600_000), dueDate: '2026-12-15' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: 'MS-AMEND-1',
      name: 'Phase 2 (revised)',
      amount: usd(600_000),
      dueDate: '2026-12-15',
    });
    const story = objectsOf(
      (await h.kantata('GET', `/stories/${changed.body.crossReferences.kantata}`)).body,
      'stories',
    )[0];
    expect(story).toMatchObject({
      title: 'Phase 2 (revised)',
      budget_estimate_in_cents: 600_000,
      due_date: '2026-12-15',
      story_type: 'milestone',
    });
    expect((await put({ name: 'X', amount: { amountMinor: 1, currency: 'EUR' } })).status).toBe(422);
  });

  it('adds an effective-dated rate-card version after the latest one, safe to retry, never overlapping', async () => {
    const card = ((await h.api('GET', '/rate-cards')).body.items as Array<any>).find((c) => c.currency === 'USD');
    const latest = card.versions[card.versions.length - 1];
    const role = latest.billRates[0].role as string;
    const body = { effectiveFrom: '2026-06-15', billRates: [{ role, hourlyRate: usd(17_345) }] };
    const created = await h.api('POST', `/rate-cards/${card.id}/versions`, body);
    expect(created.status).toBe(201);
    const version = (created.body.versions as Array<any>).find((v) => v.effectiveFrom === '2026-06-15');
    expect(version.billRates).toEqual([{ role, hourlyRate: usd(17_345) }]);
    expect((created.body.versions as Array<any>).find((v) => v.id === latest.id).effectiveTo).toBe('2026-06-15');
    // the same again: the card as it is (200), nothing added in Kantata
    const roles = async () =>
      objectsOf((await h.kantata('GET', '/rate_card_roles?per_page=200')).body, 'rate_card_roles').length;
    const before = await roles();
    const again = await h.api('POST', `/rate-cards/${card.id}/versions`, body);
    expect(again.status).toBe(200);
    expect(await roles()).toBe(before);
    // other rates the same day, or a date before the latest version: 409
    expect(
      (await h.api('POST', `/rate-cards/${card.id}/versions`, { ...body, billRates: [{ role, hourlyRate: usd(1) }] }))
        .status,
    ).toBe(409);
    expect(
      (await h.api('POST', `/rate-cards/${card.id}/versions`, { ...body, effectiveFrom: '2026-06-01' })).status,
    ).toBe(409);
    // unknown role, another currency: 422 naming the rate
    const bad = await h.api('POST', `/rate-cards/${card.id}/versions`, {
      effectiveFrom: '2026-08-01',
      billRates: [{ role: 'astronaut', hourlyRate: { amountMinor: 1, currency: 'EUR' } }],
    });
    expect(bad.status).toBe(422);
    expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'billRates[0].hourlyRate.currency',
      'billRates[0].role',
    ]);
    expect((await h.api('POST', '/rate-cards/kantata-rate-card-1/versions', body)).status).toBe(404);
  });
});
