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
      issueDate: '2025-06-30',
      dueDate: '2025-07-30',
      lines: [
        {
          description: 'Consultant, June',
          role: 'consultant',
          quantityMinutes: 450,
          unitPrice: gbp(16000),
          amount: gbp(120000),
        },
        {
          description: 'Manager review',
          role: 'manager',
          quantityMinutes: 20,
          unitPrice: gbp(26000),
          amount: gbp(8667),
        },
      ],
    };
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
    Object.assign(seen, { draft: canonical(created.body, vendor), posted: canonical(read.body, vendor) });
  });

  it('detects the payment by polling and publishes invoice.paid once through the outbox', async () => {
    const tracker = h.erp.app.get(InvoiceChangeTracker);
    expect(await tracker.pollOnce()).toEqual({ changed: 0, events: 0 });
    const invoice = await h.call('GET', '/system/erp/v1/invoices/inv-swap-1');
    const paid = await h.pay(invoice.body.crossReferences[vendor] as string, 1286.67);
    expect(paid.status).toBe(200);
    expect(await tracker.pollOnce()).toEqual({ changed: 1, events: 1 });
    expect(await tracker.pollOnce()).toEqual({ changed: 0, events: 0 });
    const pg = new Client({ connectionString: h.db.url });
    await pg.connect();
    try {
      const rows = await pg.query<{ event: { type: string; subject: string; data: Record<string, unknown> } }>(
        "SELECT event FROM system_erp.outbox WHERE event->>'type' = 'invoice.paid'",
      );
      expect(rows.rows.map((r) => r.event)).toEqual([
        expect.objectContaining({
          type: 'invoice.paid',
          subject: 'inv-swap-1',
          data: expect.objectContaining({ invoiceId: 'inv-swap-1', amountPaid: gbp(128667) }),
        }),
      ]);
    } finally {
      await pg.end();
    }
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
      type: expect.stringContaining('erp-unmapped-value'),
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
    expect(role.body.field).toBe('role');
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
    expect((await h.call('GET', '/system/erp/v1/mappings')).body.items).toContainEqual(put.body);
    expect((await h.call('DELETE', '/system/erp/v1/mappings/items/principal')).status).toBe(204);
  });
});

describe('ERP swap', () => {
  it('gives the same canonical responses whichever ERP is configured', () => {
    const [first, ...others] = VENDORS.map((v) => responses[v]);
    expect(first).toBeDefined();
    for (const other of others) expect(other).toEqual({ ...first });
  });
});
