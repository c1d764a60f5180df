import { ErpHarness, ErpVendorName } from './erp-test-harness';

const VENDORS: ErpVendorName[] = ['netsuite', 'business-central'];

const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

/** Invoices by project, invoice date and document number, against each ERP sandbox. */
describe.each(VENDORS)('system-erp invoice listing with ERP_VENDOR=%s', (vendor) => {
  let h: ErpHarness;

  const invoice = (id: string, projectId: string, issueDate: string) => ({
    id,
    customerId: 'cust-list-1',
    projectId,
    contractId: 'ctr-list-1',
    issueDate,
    dueDate: '2025-12-31',
    lines: [
      {
        description: 'Consultant',
        role: 'consultant',
        quantityMinutes: 60,
        unitPrice: gbp(16000),
        amount: gbp(16000),
        kind: 'time',
        timeEntryIds: [`te-${id}`],
        rateCardVersionId: 'rcv-list-2025',
      },
    ],
  });
  const ids = (res: { body: any }) => res.body.items.map((i: any) => i.id);

  beforeAll(async () => {
    h = await ErpHarness.start(vendor);
    expect(
      (
        await h.call('POST', '/system/erp/v1/customers', {
          id: 'cust-list-1',
          name: 'List Test Ltd',
          legalEntityId: 'UK-01',
          billingEmail: 'ap@list.example',
        })
      ).status,
    ).toBe(201);
    for (const p of ['proj-list-a', 'proj-list-b'])
      expect(
        (
          await h.call('POST', '/system/erp/v1/projects', {
            id: p,
            name: `Project ${p}`,
            customerId: 'cust-list-1',
            startDate: '2025-06-01',
          })
        ).status,
      ).toBe(201);
    for (const [id, p, d] of [
      ['inv-list-1', 'proj-list-a', '2025-06-30'],
      ['inv-list-2', 'proj-list-a', '2025-07-31'],
      ['inv-list-3', 'proj-list-b', '2025-07-31'],
    ])
      expect((await h.call('POST', '/system/erp/v1/invoices', invoice(id, p, d))).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('lists by project and invoice date, newest first, with paging', async () => {
    const a = await h.call('GET', '/system/erp/v1/invoices?projectId=proj-list-a');
    expect(a.status).toBe(200);
    expect(ids(a)).toEqual(['inv-list-2', 'inv-list-1']);
    expect(a.body.total).toBe(2);
    expect(a.body.items[0]).toMatchObject({ projectId: 'proj-list-a', total: gbp(16000), status: 'draft' });
    expect(ids(await h.call('GET', '/system/erp/v1/invoices?from=2025-07-01&to=2025-07-31'))).toEqual(
      expect.arrayContaining(['inv-list-2', 'inv-list-3']),
    );
    expect(ids(await h.call('GET', '/system/erp/v1/invoices?projectId=proj-list-a&to=2025-06-30'))).toEqual([
      'inv-list-1',
    ]);
    const page = await h.call('GET', '/system/erp/v1/invoices?projectId=proj-list-a&limit=1&offset=1');
    expect(ids(page)).toEqual(['inv-list-1']);
    expect(page.body.total).toBe(2);
    expect((await h.call('GET', '/system/erp/v1/invoices?projectId=proj-none')).body).toEqual({ items: [], total: 0 });
  });

  it('finds an invoice by its external document number or the ERP document number (the lookup before a retry)', async () => {
    const byOurs = await h.call('GET', '/system/erp/v1/invoices?documentNumber=inv-list-3');
    expect(ids(byOurs)).toEqual(['inv-list-3']);
    const byTheirs = await h.call(
      'GET',
      `/system/erp/v1/invoices?documentNumber=${encodeURIComponent(byOurs.body.items[0].number)}`,
    );
    expect(ids(byTheirs)).toEqual(['inv-list-3']);
    expect((await h.call('GET', '/system/erp/v1/invoices?documentNumber=inv-never')).body.total).toBe(0);
  });

  it('rejects bad filters with 400 problem+json', async () => {
    for (const q of ['from=2025-07-31&to=2025-07-01', 'limit=0', 'offset=-1', 'from=2025-02-30']) {
      const res = await h.call('GET', `/system/erp/v1/invoices?${q}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
