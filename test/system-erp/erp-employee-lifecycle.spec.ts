import { Client } from 'pg';
import { ErpHarness, ErpVendorName } from './erp-test-harness';

const VENDORS: ErpVendorName[] = ['netsuite', 'business-central'];

/**
 * The employee lifecycle the resource sync writes, through each ERP and its sandbox: hire with the
 * hourly cost rate, cost-rate change, termination with its date, return (termination cleared). The
 * vendor's own record is read from the sandbox's tables: NetSuite `laborCost` / `hireDate` /
 * `releaseDate` / `isInactive`; Business Central `employmentDate` / `terminationDate` / `status`
 * (API v2.0 employees have no cost field: no cost rate is written or read back).
 */
describe.each(VENDORS)('ERP employee lifecycle with ERP_VENDOR=%s', (vendor) => {
  let h: ErpHarness;
  let pg: Client;

  const vendorRecord = async (id: string, vendorId: string): Promise<Record<string, unknown>> => {
    const { rows } =
      vendor === 'netsuite'
        ? await pg.query(`select fields from sandbox_netsuite.records where type = 'employee' and external_id = $1`, [
            id,
          ])
        : await pg.query(
            `select fields from sandbox_business_central.records where entity_set = 'employees' and id = $1`,
            [vendorId],
          );
    return (rows[0] as { fields: Record<string, unknown> }).fields;
  };

  beforeAll(async () => {
    h = await ErpHarness.start(vendor);
    pg = new Client({ connectionString: h.db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await h?.stop();
  });

  it('hires with the cost rate, changes it, terminates with the date and clears the termination', async () => {
    const hired = await h.call('POST', '/system/erp/v1/employees', {
      id: 'W-LC-1',
      givenName: 'Ada',
      familyName: 'Byron',
      email: 'ada.byron@demo-firm.example',
      legalEntityId: 'UK-01',
      jobTitle: 'senior-consultant',
      costRate: { amountMinor: 9120, currency: 'GBP' },
      hireDate: '2025-03-03',
      active: true,
    });
    expect(hired.status).toBe(201);
    expect(hired.body).toMatchObject({ id: 'W-LC-1', hireDate: '2025-03-03', active: true });
    expect(hired.body.terminationDate).toBeUndefined();
    const vendorId = (hired.body.crossReferences as Record<string, string>)[vendor];
    if (vendor === 'netsuite') {
      expect(hired.body.costRate).toEqual({ amountMinor: 9120, currency: 'GBP' });
      expect(await vendorRecord('W-LC-1', vendorId)).toMatchObject({ laborCost: 91.2, isInactive: false });
    } else {
      expect(hired.body.costRate).toBeUndefined();
      const record = await vendorRecord('W-LC-1', vendorId);
      expect(record).toMatchObject({ employmentDate: '2025-03-03', status: 'Active', terminationDate: '0001-01-01' });
      expect(Object.keys(record).filter((k) => /cost/i.test(k))).toEqual([]);
    }

    const raised = await h.call('PATCH', '/system/erp/v1/employees/W-LC-1', {
      costRate: { amountMinor: 9575, currency: 'GBP' },
    });
    expect(raised.status).toBe(200);
    if (vendor === 'netsuite') {
      expect(raised.body.costRate).toEqual({ amountMinor: 9575, currency: 'GBP' });
      expect(await vendorRecord('W-LC-1', vendorId)).toMatchObject({ laborCost: 95.75 });
    }

    const terminated = await h.call('PATCH', '/system/erp/v1/employees/W-LC-1', { terminationDate: '2026-01-30' });
    expect(terminated.body).toMatchObject({ terminationDate: '2026-01-30', active: false, givenName: 'Ada' });
    expect(await vendorRecord('W-LC-1', vendorId)).toMatchObject(
      vendor === 'netsuite'
        ? { releaseDate: '2026-01-30', isInactive: true, laborCost: 95.75 }
        : { terminationDate: '2026-01-30', status: 'Terminated' },
    );
    // A repeat converges (safe to retry).
    const again = await h.call('PATCH', '/system/erp/v1/employees/W-LC-1', { terminationDate: '2026-01-30' });
    expect(again.body).toEqual(terminated.body);

    const back = await h.call('PATCH', '/system/erp/v1/employees/W-LC-1', { terminationDate: null });
    expect(back.body).toMatchObject({ active: true, hireDate: '2025-03-03' });
    expect(back.body.terminationDate).toBeUndefined();
    expect(await vendorRecord('W-LC-1', vendorId)).toMatchObject(
      vendor === 'netsuite' ? { isInactive: false } : { status: 'Active', terminationDate: '0001-01-01' },
    );
  });

  it('refuses a termination before the hire date, an empty patch and an unknown employee', async () => {
    expect((await h.call('PATCH', '/system/erp/v1/employees/W-LC-1', { terminationDate: '2024-12-31' })).status).toBe(
      422,
    );
    expect((await h.call('PATCH', '/system/erp/v1/employees/W-LC-1', {})).status).toBe(400);
    expect((await h.call('PATCH', '/system/erp/v1/employees/W-LC-404', { active: false })).status).toBe(404);
  });
});
