import { demoFirm } from '../../apps/sandbox/src/common/demo-firm';
import { objectsOf, PsaHarness } from './psa-test-harness';

const firm = demoFirm();
const [p1] = firm.projects;
const milestoneProject = firm.projects.find((p) => p.billingModel === 'Milestone')!;

/** system-psa invoices against the Kantata sandbox: approved work marked invoiced once, payment states. */
describe('system-psa invoices with Kantata', () => {
  let h: PsaHarness;
  let entries: any[];
  let expense: any;

  const problemOf = (res: { status: number; headers: Headers; body: any }) => ({
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: res.body,
  });
  const kantataInvoice = async (id: string) =>
    objectsOf((await h.kantata('GET', `/invoices/${id}`)).body, 'invoices')[0];
  const invoicesWithRef = async (ref: string) =>
    objectsOf(
      (await h.kantata('GET', `/external_references?service_model=invoice&service_model_ref=${ref}`)).body,
      'external_references',
    );

  beforeAll(async () => {
    h = await PsaHarness.start({ KANTATA_PAGE_SIZE: '200', KANTATA_TIMEOUT_MS: '2000' });
    const listed = await h.api('GET', `/time-entries?projectId=${p1.id}&status=approved`);
    entries = listed.body.items.filter((t: any) => t.status === 'approved' && t.billable).slice(0, 4);
    expect(entries).toHaveLength(4);
    const expenses = await h.api('GET', `/expenses?projectId=${p1.id}`);
    expense = expenses.body.items.find((e: any) => e.status === 'approved');
    expect(expense).toBeDefined();
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('records the invoice once, marks its time and expense invoiced, and totals it from Kantata', async () => {
    const body = {
      id: 'INV-H5-0001',
      projectId: p1.id,
      number: 'ACME-0001',
      invoiceDate: '2025-07-01',
      dueDate: '2025-07-31',
      timeEntryIds: [entries[0].id, entries[1].id],
      expenseIds: [expense.id],
    };
    const created = await h.api('POST', '/invoices', body);
    expect(created.status).toBe(201);
    const raw = await Promise.all(
      [entries[0], entries[1]].map(
        async (t) =>
          objectsOf((await h.kantata('GET', `/time_entries/${t.crossReferences.kantata}`)).body, 'time_entries')[0],
      ),
    );
    const expected = raw.reduce((s, t) => s + Math.round((t.time_in_minutes * t.rate_in_cents) / 60), 0) + 48250;
    expect(created.body).toEqual({
      id: 'INV-H5-0001',
      crossReferences: { kantata: expect.stringMatching(/^\d+$/) },
      projectId: p1.id,
      number: 'ACME-0001',
      status: 'open',
      total: { amountMinor: expected, currency: p1.currency },
      amountRemaining: { amountMinor: expected, currency: p1.currency },
      invoiceDate: '2025-07-01',
      dueDate: '2025-07-31',
      timeEntryIds: [entries[0].id, entries[1].id],
      expenseIds: [expense.id],
      milestoneIds: [],
    });
    expect(raw.every((t) => t.is_invoiced === true)).toBe(true);

    const again = await h.api('POST', '/invoices', body);
    expect(again.status).toBe(200);
    expect(again.body.crossReferences).toEqual(created.body.crossReferences);
    expect(await invoicesWithRef('INV-H5-0001')).toHaveLength(1);

    const listed = await h.api('GET', `/time-entries?projectId=${p1.id}`);
    const statusOf = (id: string) => listed.body.items.find((t: any) => t.id === id).status;
    expect(statusOf(entries[0].id)).toBe('invoiced');
    expect(statusOf(entries[2].id)).toBe('approved');
    expect((await h.api('GET', '/invoices/INV-H5-0001')).body).toEqual(created.body);
  });

  it('answers 409 naming the entries another invoice billed, and marks nothing', async () => {
    const res = await h.api('POST', '/invoices', {
      id: 'INV-H5-0002',
      projectId: p1.id,
      timeEntryIds: [entries[1].id, entries[2].id],
    });
    expect(problemOf(res)).toMatchObject({
      status: 409,
      contentType: expect.stringContaining('application/problem+json'),
      body: { errors: [{ field: 'timeEntryIds', message: `${entries[1].id} is already invoiced` }] },
    });
    const third = objectsOf(
      (await h.kantata('GET', `/time_entries/${entries[2].crossReferences.kantata}`)).body,
      'time_entries',
    )[0];
    expect(third.is_invoiced).toBe(false);
    expect(await invoicesWithRef('INV-H5-0002')).toHaveLength(0);
  });

  it('answers 422 naming the field for unknown items, an unknown project or an empty invoice', async () => {
    const unknown = await h.api('POST', '/invoices', {
      id: 'INV-H5-0003',
      projectId: p1.id,
      timeEntryIds: ['TE-NOPE'],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'timeEntryIds', message: 'TE-NOPE is not known to kantata' }]);
    const project = await h.api('POST', '/invoices', {
      id: 'INV-H5-0003',
      projectId: 'PRJ-9999',
      timeEntryIds: [entries[3].id],
    });
    expect(project.status).toBe(422);
    expect(project.body.errors[0].field).toBe('projectId');
    const empty = await h.api('POST', '/invoices', { id: 'INV-H5-0003', projectId: p1.id });
    expect(empty.status).toBe(422);
    const bad = await h.api('POST', '/invoices', { id: 'bad id!', projectId: p1.id, timeEntryIds: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('bills a milestone through a fixed-fee item once', async () => {
    const milestones = await h.api('GET', `/projects/${milestoneProject.id}/milestones`);
    const milestone = milestones.body.items[0];
    const created = await h.api('POST', '/invoices', {
      id: 'INV-H5-0004',
      projectId: milestoneProject.id,
      milestoneIds: [milestone.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      milestoneIds: [milestone.id],
      total: milestone.amount,
      timeEntryIds: [],
    });
    const second = await h.api('POST', '/invoices', {
      id: 'INV-H5-0005',
      projectId: milestoneProject.id,
      milestoneIds: [milestone.id],
    });
    expect(second.status).toBe(409);
    expect(second.body.errors).toEqual([{ field: 'milestoneIds', message: `${milestone.id} is already invoiced` }]);
  });

  it('moves the payment state forward: partially paid with the amount remaining, paid; never back', async () => {
    const inv = (await h.api('GET', '/invoices/INV-H5-0001')).body;
    const currency = inv.total.currency;
    const partial = await h.api('PUT', '/invoices/INV-H5-0001/payment-status', {
      status: 'partially_paid',
      amountRemaining: { amountMinor: 10000, currency },
    });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: 'partially_paid', amountRemaining: { amountMinor: 10000, currency } });
    expect(await kantataInvoice(inv.crossReferences.kantata)).toMatchObject({
      status: 'partially_paid',
      balance_in_cents: 10000,
    });

    const paid = await h.api('PUT', '/invoices/INV-H5-0001/payment-status', {
      status: 'paid',
      amountRemaining: { amountMinor: 0, currency },
      paidDate: '2025-07-20',
    });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', amountRemaining: { amountMinor: 0 }, paidDate: '2025-07-20' });

    const same = await h.api('PUT', '/invoices/INV-H5-0001/payment-status', {
      status: 'paid',
      amountRemaining: { amountMinor: 0, currency },
      paidDate: '2025-07-20',
    });
    expect(same.status).toBe(200);
    const back = await h.api('PUT', '/invoices/INV-H5-0001/payment-status', {
      status: 'overdue',
      amountRemaining: { amountMinor: 10000, currency },
    });
    expect(problemOf(back)).toMatchObject({ status: 409, body: { currentStatus: 'paid' } });
    expect((await kantataInvoice(inv.crossReferences.kantata)).status).toBe('paid');
  });

  it('voids and marks overdue; rejects inconsistent states and unknown invoices', async () => {
    const currency = milestoneProject.currency;
    const overdue = await h.api('PUT', '/invoices/INV-H5-0004/payment-status', {
      status: 'overdue',
      amountRemaining: (await h.api('GET', '/invoices/INV-H5-0004')).body.total,
    });
    expect(overdue.body.status).toBe('overdue');
    const wrong = await h.api('PUT', '/invoices/INV-H5-0004/payment-status', {
      status: 'paid',
      amountRemaining: { amountMinor: 5, currency },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('amountRemaining');
    const partialZero = await h.api('PUT', '/invoices/INV-H5-0004/payment-status', {
      status: 'partially_paid',
      amountRemaining: { amountMinor: 0, currency },
    });
    expect(partialZero.status).toBe(422);
    const badStatus = await h.api('PUT', '/invoices/INV-H5-0004/payment-status', {
      status: 'settled',
      amountRemaining: { amountMinor: 0, currency },
    });
    expect(badStatus.status).toBe(400);
    const voided = await h.api('PUT', '/invoices/INV-H5-0004/payment-status', {
      status: 'voided',
      amountRemaining: { amountMinor: 0, currency },
    });
    expect(voided.body.status).toBe('voided');
    const missing = await h.api('PUT', '/invoices/INV-NOPE/payment-status', {
      status: 'paid',
      amountRemaining: { amountMinor: 0, currency },
    });
    expect(missing.status).toBe(404);
    expect((await h.api('GET', '/invoices/INV-NOPE')).status).toBe(404);
  });
});
