import { ErpHarness, ErpVendorName } from './erp-test-harness';

const VENDORS: ErpVendorName[] = ['netsuite', 'business-central'];
const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

/**
 * `PATCH /system/erp/v1/projects/{id}` through each ERP and its sandbox (NetSuite job fields
 * projectedEndDate / estimatedRevenue / isInactive; Business Central Job endingDate / blocked, the
 * budget kept with the cross-reference): what a contract amendment and a provisioning compensation send.
 */
describe.each(VENDORS)('ERP project PATCH with ERP_VENDOR=%s', (vendor) => {
  let h: ErpHarness;

  beforeAll(async () => {
    h = await ErpHarness.start(vendor);
    const customer = await h.call('POST', '/system/erp/v1/customers', {
      id: 'cust-patch-1',
      name: 'Patch Test Ltd',
      legalEntityId: 'UK-01',
    });
    expect(customer.status).toBe(201);
    const project = await h.call('POST', '/system/erp/v1/projects', {
      id: 'proj-patch-1',
      name: 'Patch rollout',
      customerId: 'cust-patch-1',
      startDate: '2026-04-01',
    });
    expect(project.status).toBe(201);
    expect(project.body).toMatchObject({ status: 'active' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('changes only the fields sent and reads them back from the ERP', async () => {
    const patched = await h.call('PATCH', '/system/erp/v1/projects/proj-patch-1', {
      endDate: '2026-12-31',
      budget: gbp(9_876_543),
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: 'proj-patch-1',
      endDate: '2026-12-31',
      budget: gbp(9_876_543),
      status: 'active',
    });
    const inactive = await h.call('PATCH', '/system/erp/v1/projects/proj-patch-1', { status: 'inactive' });
    expect(inactive.body).toMatchObject({ endDate: '2026-12-31', budget: gbp(9_876_543), status: 'inactive' });
    const read = await h.call('GET', '/system/erp/v1/projects/proj-patch-1');
    expect(read.body).toMatchObject({
      name: 'Patch rollout',
      customerId: 'cust-patch-1',
      startDate: '2026-04-01',
      status: 'inactive',
    });
    // a repeated PATCH converges (safe to retry), and `active` reopens the project
    const again = await h.call('PATCH', '/system/erp/v1/projects/proj-patch-1', { status: 'active' });
    const twice = await h.call('PATCH', '/system/erp/v1/projects/proj-patch-1', { status: 'active' });
    expect(again.body).toEqual(twice.body);
    expect(twice.body).toMatchObject({ status: 'active', endDate: '2026-12-31' });
  });

  it('answers an unknown project, a budget in another currency and bad values with problems naming the field', async () => {
    expect((await h.call('PATCH', '/system/erp/v1/projects/no-such-project', { status: 'inactive' })).status).toBe(404);
    const currency = await h.call('PATCH', '/system/erp/v1/projects/proj-patch-1', {
      budget: { amountMinor: 100, currency: 'EUR' },
    });
    expect(currency.status).toBe(422);
    expect(currency.body.errors).toEqual([expect.objectContaining({ field: 'budget.currency' })]);
    const bad = await h.call('PATCH', '/system/erp/v1/projects/proj-patch-1', {
      status: 'archived',
      endDate: '2026-02-30',
      budget: gbp(-1),
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['status', 'endDate']));
    expect(fields.some((f) => f.startsWith('budget'))).toBe(true);
  });
});
