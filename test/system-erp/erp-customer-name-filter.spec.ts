import { ErpHarness, ErpVendorName } from './erp-test-harness';

const VENDORS: ErpVendorName[] = ['netsuite', 'business-central'];

/**
 * `GET /system/erp/v1/customers?nameKey=`: the duplicate check of provisioning. The ERP read is
 * narrowed (SuiteQL `LOWER(companyname) LIKE`, OData `contains(displayName, ...)`) and system-erp
 * compares the whole normalized name: same key in any case, punctuation or legal form, in any legal
 * entity; a longer or different name is not a match.
 */
describe.each(VENDORS)('ERP customer list by name key with ERP_VENDOR=%s', (vendor) => {
  let h: ErpHarness;

  beforeAll(async () => {
    h = await ErpHarness.start(vendor);
    const customers: Array<[string, string, string]> = [
      ['nk-1', 'Zebra Widgets, LLC', 'UK-01'],
      ['nk-2', 'ZEBRA WIDGETS Inc.', 'US-01'],
      ['nk-3', 'Zebra Widgets International Ltd', 'UK-01'],
      ['nk-4', 'Widgets Zebra', 'UK-01'],
      ['nk-5', 'Café Zébra Widgets GmbH', 'US-01'],
      ['nk-6', 'Other Company', 'UK-01'],
    ];
    for (const [id, name, legalEntityId] of customers) {
      const res = await h.call('POST', '/system/erp/v1/customers', { id, name, legalEntityId });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    }
  });

  afterAll(async () => {
    await h?.stop();
  });

  const ids = async (query: string): Promise<string[]> => {
    const res = await h.call('GET', `/system/erp/v1/customers${query}`);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: string }>).map((c) => c.id);
  };

  it('returns exactly the customers whose normalized name equals the key, across legal entities', async () => {
    expect(await ids('?nameKey=zebra%20widgets')).toEqual(['nk-1', 'nk-2']);
    expect(await ids('?nameKey=cafe%20zebra%20widgets')).toEqual(['nk-5']);
    expect(await ids('?nameKey=widgets%20zebra')).toEqual(['nk-4']);
    expect(await ids('?nameKey=other')).toEqual(['nk-6']);
    expect(await ids('?nameKey=zebra')).toEqual([]);
    expect(await ids('?nameKey=unknown%20name')).toEqual([]);
  });

  it('without a key still lists every customer (the sandbox seeds some more)', async () => {
    expect((await ids('')).filter((id) => id.startsWith('nk-'))).toEqual([
      'nk-1',
      'nk-2',
      'nk-3',
      'nk-4',
      'nk-5',
      'nk-6',
    ]);
  });

  it('answers a key that is not normalized, or empty, with a 400 problem naming nameKey', async () => {
    for (const bad of ['Zebra%20Widgets', 'zebra%20widgets%20llc', 'zebra%2C%20widgets', '']) {
      const res = await h.call('GET', `/system/erp/v1/customers?nameKey=${bad}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(res.body)).toContain('nameKey');
    }
  });
});
