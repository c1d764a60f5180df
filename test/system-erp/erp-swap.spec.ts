import { Client } from 'pg';
import { InvoiceChangeTracker } from '../../apps/system-erp/src/changes/invoice-change-tracker';
import { ErpHarness, ErpVendorName } from './erp-test-harness';

const VENDORS: ErpVendorName[] = ['netsuite', 'business-central'];

const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

/**
 * What differs between ERPs by nature is their own ids and document numbers: the cross-reference
 * names the configured ERP (one key) and `number` is the ERP's; everything else must be identical.
 */
function canonical(value: any, vendor: ErpVendorName): any {
  const { crossReferences, number, ...rest } = value as Record<string, unknown>;
  expect(Object.keys(crossReferences as object)).toEqual([vendor]);
  if (number !== undefined) expect(number).toEqual(expect.any(String));
  return rest;
}

async function outboxEvents(h: ErpHarness, type: string): Promise<any[]> {
  const pg = new Client({ connectionString: h.db.url });
  await pg.connect();
  try {
    const rows = await pg.query<{ event: unknown }>(
      "SELECT event FROM system_erp.outbox WHERE event->>'type' = $1 ORDER BY id",
      [type],
    );
    return rows.rows.map((r) => r.event);
  } finally {
    await pg.end();
  }
}

const responses: Partial<Record<ErpVendorName, Record<string, unknown>>> = {};

/**
 * THE ERP SWAP: the same scenario (customer, project, employee, time bill, invoice with lines,
 * posting) through /system/erp/v1 with each ERP_VENDOR, and the same canonical responses.
 */
describe.each(VENDORS)('ERP swap scenario with ERP_VENDOR=%s', (vendor) => {
  let h: ErpHarness;
  const seen: Record<string, unknown> = {};

  beforeAll(async () => {
    h = await ErpHarness.start(vendor);
  });

  afterAll(async () => {
    responses[vendor] = seen;
    await h?.stop();
  });

  it('creates a customer, project, employee and time bill, keyed by canonical ids', async () => {
    const customer = await h.call('POST', '/system/erp/v1/customers', {
      id: 'cust-swap-1',
      name: 'Swap Test Ltd',
      legalEntityId: 'UK-01',
      billingEmail: 'ap@swap.example',
    });
    expect(customer.status).toBe(201);
    expect(customer.body).toEqual({
      id: 'cust-swap-1',
      crossReferences: { [vendor]: expect.any(String) },
      name: 'Swap Test Ltd',
      legalEntityId: 'UK-01',
      currency: 'GBP',
      billingEmail: 'ap@swap.example',
    });
    const project = await h.call('POST', '/system/erp/v1/projects', {
      id: 'proj-swap-1',
      name: 'Swap rollout',
      customerId: 'cust-swap-1',
      startDate: '2025-06-02',
    });
    expect(project.status).toBe(201);
    expect(project.body).toMatchObject({
      id: 'proj-swap-1',
      customerId: 'cust-swap-1',
      legalEntityId: 'UK-01',
      startDate: '2025-06-02',
    });
    const employee = await h.call('POST', '/system/erp/v1/employees', {
      id: 'wrk-swap-1',
      givenName: 'Erin',
      familyName: 'Swap',
      email: 'erin.swap@northwind.example',
      legalEntityId: 'UK-01',
      jobTitle: 'Consultant',
    });
    expect(employee.status).toBe(201);
    const timeBill = await h.call('POST', '/system/erp/v1/time-bills', {
      id: 'te-swap-1',
      workerId: 'wrk-swap-1',
      projectId: 'proj-swap-1',
      date: '2025-06-03',
      minutes: 450,
      role: 'consultant',
      billable: true,
      description: 'Discovery workshop',
    });
    expect(timeBill.status).toBe(201);
    expect(timeBill.body).toMatchObject({
      workerId: 'wrk-swap-1',
      projectId: 'proj-swap-1',
      minutes: 450,
      role: 'consultant',
      billable: true,
    });
    Object.assign(seen, {
      customer: canonical(customer.body, vendor),
      project: canonical(project.body, vendor),
      employee: canonical(employee.body, vendor),
      timeBill: canonical(timeBill.body, vendor),
    });
  });

  it('creates an invoice with lines, posts it, and reads it back the same', async () => {
    const input = {
      id: 'inv-swap-1',
      customerId: 'cust-swap-1',
      projectId: 'proj-swap-1',
      contractId: 'ctr-swap-1',
      issueDate: '2025-06-30',
      dueDate: '2025-07-30',
      lines: [
        {
          description: 'Consultant, June',
          role: 'consultant',
          quantityMinutes: 450,
          unitPrice: gbp(16000),
          amount: gbp(120000),
          kind: 'time',
          timeEntryIds: ['te-swap-1'],
          rateCardVersionId: 'rcv-swap-2025',
        },
        {
          description: 'Manager review',
          role: 'manager',
          quantityMinutes: 20,
          unitPrice: gbp(26000),
          amount: gbp(8667),
          kind: 'adjustment',
        },
      ],
    };
    const untraced = await h.call('POST', '/system/erp/v1/invoices', {
      ...input,
      id: 'inv-swap-bad',
      lines: [{ ...input.lines[0], timeEntryIds: undefined }],
    });
    expect(untraced.status).toBe(400);
    expect([...new Set(untraced.body.errors.map((e: { field: string }) => e.field))]).toEqual([
      'lines[0].timeEntryIds',
    ]);
    const noContract = await h.call('POST', '/system/erp/v1/invoices', {
      ...input,
      id: 'inv-swap-bad',
      contractId: undefined,
    });
    expect(noContract.status).toBe(400);
    expect(noContract.body.errors).toEqual([expect.objectContaining({ field: 'contractId' })]);
    const tracker = h.erp.app.get(InvoiceChangeTracker);
    expect(await tracker.pollOnce()).toEqual({ changed: 0, events: 0 }); // the cursor starts now
    const created = await h.call('POST', '/system/erp/v1/invoices', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      currency: 'GBP',
      legalEntityId: 'UK-01',
      lines: input.lines,
      subtotal: gbp(128667),
      tax: gbp(0),
      total: gbp(128667),
      amountPaid: gbp(0),
      amountDue: gbp(128667),
    });
    const posted = await h.call('POST', '/system/erp/v1/invoices/inv-swap-1/post');
    expect(posted.status).toBe(200);
    expect(posted.body.status).toBe('posted');
    const again = await h.call('POST', '/system/erp/v1/invoices/inv-swap-1/post');
    expect(again.body.status).toBe('posted');
    const read = await h.call('GET', '/system/erp/v1/invoices/inv-swap-1');
    expect(read.body).toEqual(posted.body);
    expect(read.body).toMatchObject({ contractId: 'ctr-swap-1', lines: input.lines });
    // Polling sees the posting: invoice.posted once, with the canonical invoice and the ERP document.
    expect(await tracker.pollOnce()).toEqual({ changed: 1, events: 1 });
    expect(await tracker.pollOnce()).toEqual({ changed: 0, events: 0 });
    const [event] = await outboxEvents(h, 'invoice.posted');
    expect(event).toMatchObject({
      type: 'invoice.posted',
      subject: 'invoice/inv-swap-1',
      source: 'system-erp',
      data: {
        ledgerSystem: vendor,
        ledgerDocumentId: read.body.crossReferences[vendor],
        invoice: {
          id: 'inv-swap-1',
          contractId: 'ctr-swap-1',
          status: 'finalized',
          total: gbp(128667),
          lines: [
            { id: 'inv-swap-1-1', kind: 'time', timeEntryIds: ['te-swap-1'], contractId: 'ctr-swap-1' },
            { id: 'inv-swap-1-2', kind: 'adjustment', amount: gbp(8667) },
          ],
        },
      },
    });
    Object.assign(seen, {
      draft: canonical(created.body, vendor),
      posted: canonical(read.body, vendor),
      // What differs by nature: the ledger's name, its document id and the instant it posted.
      postedEvent: { ...canonical(event.data.invoice, vendor), finalizedAt: expect.any(String) },
    });
  });

  it('detects the payment by polling and publishes invoice.paid once through the outbox', async () => {
    const tracker = h.erp.app.get(InvoiceChangeTracker);
    const invoice = await h.call('GET', '/system/erp/v1/invoices/inv-swap-1');
    const paid = await h.pay(invoice.body.crossReferences[vendor] as string, 1286.67);
    expect(paid.status).toBe(200);
    expect(await tracker.pollOnce()).toEqual({ changed: 1, events: 1 });
    expect(await tracker.pollOnce()).toEqual({ changed: 0, events: 0 });
    expect(await outboxEvents(h, 'invoice.paid')).toEqual([
      expect.objectContaining({
        type: 'invoice.paid',
        subject: 'invoice/inv-swap-1',
        data: expect.objectContaining({ invoiceId: 'inv-swap-1', amountPaid: gbp(128667) }),
      }),
    ]);
    expect(await outboxEvents(h, 'invoice.posted')).toHaveLength(1);
    const read = await h.call('GET', '/system/erp/v1/invoices/inv-swap-1');
    expect(read.body).toMatchObject({ status: 'paid', amountPaid: gbp(128667), amountDue: gbp(0) });
    Object.assign(seen, { paid: canonical(read.body, vendor) });
  });

  it('issues a credit memo against the invoice, once', async () => {
    const input = {
      id: 'cm-swap-1',
      invoiceId: 'inv-swap-1',
      issueDate: '2025-07-05',
      lines: [
        {
          description: 'Goodwill credit',
          role: 'consultant',
          quantityMinutes: 60,
          unitPrice: gbp(16000),
          amount: gbp(16000),
        },
      ],
    };
    const memo = await h.call('POST', '/system/erp/v1/credit-memos', input);
    expect(memo.status).toBe(201);
    expect(memo.body).toMatchObject({
      invoiceId: 'inv-swap-1',
      customerId: 'cust-swap-1',
      legalEntityId: 'UK-01',
      currency: 'GBP',
      status: 'posted',
      lines: input.lines,
      total: gbp(16000),
    });
    const again = await h.call('POST', '/system/erp/v1/credit-memos', input);
    expect(again.body).toEqual(memo.body);
    expect((await h.call('GET', '/system/erp/v1/credit-memos/cm-swap-1')).body).toEqual(memo.body);
    const missing = await h.call('POST', '/system/erp/v1/credit-memos', { ...input, id: 'cm-x', invoiceId: 'nope' });
    expect(missing.status).toBe(422);
    expect(missing.body.field).toBe('invoiceId');
    Object.assign(seen, { creditMemo: canonical(memo.body, vendor) });
  });

  it('is safe to retry: a repeated create returns the same record, and reads agree', async () => {
    const first = await h.call('GET', '/system/erp/v1/customers/cust-swap-1');
    const retry = await h.call('POST', '/system/erp/v1/customers', {
      id: 'cust-swap-1',
      name: 'Swap Test Ltd',
      legalEntityId: 'UK-01',
      billingEmail: 'ap@swap.example',
    });
    expect(retry.body).toEqual(first.body);
    const invoiceRetry = await h.call('POST', '/system/erp/v1/invoices', {
      id: 'inv-swap-1',
      customerId: 'cust-swap-1',
      issueDate: '2025-06-30',
      dueDate: '2025-07-30',
      lines: [{ description: 'x', role: 'consultant', quantityMinutes: 60, unitPrice: gbp(16000), amount: gbp(16000) }],
    });
    expect(invoiceRetry.body.status).toBe('paid');
    expect(invoiceRetry.body.total).toEqual(gbp(128667));
    const list = await h.call('GET', '/system/erp/v1/customers');
    expect(list.body.items.filter((c: { id: string }) => c.id === 'cust-swap-1')).toHaveLength(1);
  });

  it('renews the vendor token once when the ERP answers 401', async () => {
    const expired = await h.sandboxCall('POST', '/__sandbox/tokens/expire');
    expect(expired.body.expired).toBeGreaterThan(0);
    const read = await h.call('GET', '/system/erp/v1/employees/wrk-swap-1');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ givenName: 'Erin', familyName: 'Swap', legalEntityId: 'UK-01' });
  });

  it('refuses unmapped values and missing references as 422 naming the canonical field', async () => {
    const entity = await h.call('POST', '/system/erp/v1/customers', {
      id: 'cust-x',
      name: 'X',
      legalEntityId: 'FR-01',
    });
    expect(entity.status).toBe(422);
    expect(entity.body).toMatchObject({
      type: expect.stringMatching(/\/unmapped-value$/),
      table: 'legal-entity-mappings',
      field: 'legalEntityId',
      value: 'FR-01',
    });
    const role = await h.call('POST', '/system/erp/v1/time-bills', {
      id: 'te-x',
      workerId: 'wrk-swap-1',
      projectId: 'proj-swap-1',
      date: '2025-06-03',
      minutes: 60,
      role: 'astronaut',
      billable: true,
    });
    expect(role.status).toBe(422);
    expect(role.body).toMatchObject({ table: 'item-mappings', value: 'astronaut', field: 'role' });
    const missing = await h.call('POST', '/system/erp/v1/projects', { id: 'proj-x', name: 'X', customerId: 'nobody' });
    expect(missing.status).toBe(422);
    expect(missing.body.field).toBe('customerId');
    const currency = await h.call('POST', '/system/erp/v1/invoices', {
      id: 'inv-x',
      customerId: 'cust-swap-1',
      issueDate: '2025-06-30',
      dueDate: '2025-07-30',
      lines: [
        {
          description: 'x',
          role: 'consultant',
          quantityMinutes: 60,
          unitPrice: { amountMinor: 1, currency: 'USD' },
          amount: { amountMinor: 1, currency: 'USD' },
        },
      ],
    });
    expect(currency.status).toBe(422);
    expect((await h.call('GET', '/system/erp/v1/invoices/nope')).status).toBe(404);
    Object.assign(seen, { unmapped: { status: entity.status, field: entity.body.field } });
  });

  it('reads and changes the mapping tables', async () => {
    const before = await h.call('GET', '/system/erp/v1/mappings');
    expect(before.body.legalEntities.map((e: { legalEntityId: string }) => e.legalEntityId)).toEqual([
      'DE-01',
      'UK-01',
      'US-01',
    ]);
    const put = await h.call('PUT', '/system/erp/v1/mappings/items/principal', {
      target: before.body.items.find((i: { role: string }) => i.role === 'partner').target,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ role: 'principal', billingClass: 'professional-services' });
    expect((await h.call('GET', '/system/erp/v1/mappings')).body.items).toContainEqual(put.body);
    const milestone = await h.call('PUT', '/system/erp/v1/mappings/items/principal', {
      target: put.body.target,
      billingClass: 'milestone',
    });
    expect(milestone.body.billingClass).toBe('milestone');
    expect(before.body.items).toContainEqual(
      expect.objectContaining({ role: 'consultant', billingClass: 'professional-services' }),
    );
    const badClass = await h.call('PUT', '/system/erp/v1/mappings/items/principal', { target: 'x', billingClass: 'x' });
    expect(badClass.status).toBe(400);
    expect(badClass.headers.get('content-type')).toContain('application/problem+json');
    expect((await h.call('PUT', '/system/erp/v1/mappings/items/Bad%20Role', { target: 'x' })).status).toBe(400);
    expect((await h.call('DELETE', '/system/erp/v1/mappings/items/principal')).status).toBe(204);
    expect((await h.call('DELETE', '/system/erp/v1/mappings/items/principal')).status).toBe(404);
  });

  it('keeps the tax table as data: effective-dated rates, reverse charge, 422 for an unmapped pair', async () => {
    const de = await h.call('GET', '/system/erp/v1/mappings/tax-rates?legalEntityId=DE-01&customerCountry=DE');
    expect(de.body.items.map((r: { rateBasisPoints: number }) => r.rateBasisPoints)).toEqual([1900, 1600, 1900]);
    const rate = async (path: string) => (await h.call('GET', `/system/erp/v1/mappings/tax-rates/${path}`)).body;
    expect(await rate('DE-01/DE?date=2020-08-15')).toMatchObject({ rateBasisPoints: 1600, effectiveTo: '2020-12-31' });
    expect(await rate('DE-01/DE?date=2025-06-30')).toMatchObject({ rateBasisPoints: 1900, reverseCharge: false });
    expect(await rate('UK-01/GB?date=2025-06-30')).toMatchObject({ rateBasisPoints: 2000 });
    expect(await rate('US-01/US?date=2025-06-30')).toMatchObject({ rateBasisPoints: 0 });
    expect(await rate('DE-01/FR?date=2025-06-30')).toMatchObject({
      rateBasisPoints: 0,
      reverseCharge: true,
      note: expect.stringContaining('Reverse charge'),
    });
    const unmapped = await h.call('GET', '/system/erp/v1/mappings/tax-rates/US-01/BR?date=2025-06-30');
    expect(unmapped.status).toBe(422);
    expect(unmapped.body).toMatchObject({
      type: expect.stringMatching(/\/unmapped-value$/),
      table: 'tax-rates',
      value: 'US-01/BR@2025-06-30',
    });
    const badFilter = await h.call('GET', '/system/erp/v1/mappings/tax-rates?customerCountry=Germany');
    expect([badFilter.status, badFilter.body.errors[0].field]).toEqual([400, 'customerCountry']);
    const badKey = await h.call('GET', '/system/erp/v1/mappings/tax-rates/DE-01/de?date=30.06.2025');
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors.map((e: { field: string }) => e.field)).toEqual(['customerCountry', 'date']);

    const ca = '/system/erp/v1/mappings/tax-rates/US-01/CA';
    const put = await h.call('PUT', `${ca}/2025-01-01`, { rateBasisPoints: 0, note: 'Export of services' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      legalEntityId: 'US-01',
      customerCountry: 'CA',
      effectiveFrom: '2025-01-01',
      rateBasisPoints: 0,
      reverseCharge: false,
      note: 'Export of services',
    });
    expect(await rate('US-01/CA?date=2025-03-01')).toEqual(put.body);
    expect((await h.call('PUT', `${ca}/2025-06-01`, { rateBasisPoints: 500 })).status).toBe(409);
    const closed = await h.call('PUT', `${ca}/2025-01-01`, { rateBasisPoints: 0, effectiveTo: '2025-05-31' });
    expect(closed.body.effectiveTo).toBe('2025-05-31');
    expect((await h.call('PUT', `${ca}/2025-06-01`, { rateBasisPoints: 500 })).status).toBe(200);
    expect((await rate('US-01/CA?date=2025-07-01')).rateBasisPoints).toBe(500);
    for (const [path, body, field] of [
      [`${ca}/2026-01-01`, { rateBasisPoints: 0, effectiveTo: '2025-12-31' }, 'effectiveTo'],
      [`${ca}/2026-01-01`, { rateBasisPoints: 1900, reverseCharge: true, note: 'x' }, 'rateBasisPoints'],
      [`${ca}/2026-01-01`, { rateBasisPoints: 0, reverseCharge: true }, 'note'],
      [`${ca}/2026-01-01`, { rateBasisPoints: 10001 }, 'rateBasisPoints'],
      [`${ca}/2026-01-01`, { rateBasisPoints: 1.5 }, 'rateBasisPoints'],
      [`${ca}/2026-13-01`, { rateBasisPoints: 0 }, 'effectiveFrom'],
    ] as const) {
      const bad = await h.call('PUT', path, body);
      expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, field]);
    }
    expect((await h.call('DELETE', `${ca}/2025-06-01`)).status).toBe(204);
    expect((await h.call('DELETE', `${ca}/2025-06-01`)).status).toBe(404);
    expect((await h.call('DELETE', `${ca}/2025-01-01`)).status).toBe(204);
    const all = await h.call('GET', '/system/erp/v1/mappings');
    expect(all.body.taxRates).toContainEqual(
      expect.objectContaining({ legalEntityId: 'UK-01', customerCountry: 'GB' }),
    );
  });
});

describe('ERP swap', () => {
  it('gives the same canonical responses whichever ERP is configured', () => {
    const [first, ...others] = VENDORS.map((v) => responses[v]);
    expect(first).toBeDefined();
    for (const other of others) expect(other).toEqual({ ...first });
  });
});
