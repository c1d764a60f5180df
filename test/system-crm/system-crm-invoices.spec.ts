import { CrmHarness } from './crm-test-harness';

/** system-crm invoice records (Salesforce `Invoice__c`, upserted by external id) against the sandbox. */
describe('system-crm invoice records against the Salesforce sandbox', () => {
  let h: CrmHarness;
  let seeded: { contractId: string; customerId: string; opportunityId: string; currency: string };

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${h.crm!.url}/system/crm/v1${path}`, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : undefined) as any,
    };
  }
  const records = (id: string) =>
    h.sf.soql<Record<string, any>>(
      `SELECT Id, Name, Status__c, Amount__c, Amount_Paid__c, Amount_Remaining__c, Account__c, Contract__c, ` +
        `Opportunity__c, Due_Date__c, Paid_Date__c, CurrencyIsoCode FROM Invoice__c WHERE External_Id__c = '${id}'`,
    );
  const write = (status: string, paid: number, remaining: number, extra: Record<string, unknown> = {}) => ({
    customerId: seeded.customerId,
    contractId: seeded.contractId,
    projectId: 'PRJ-0001',
    number: 'ACME-0042',
    status,
    currency: seeded.currency,
    total: { amountMinor: 123456, currency: seeded.currency },
    amountPaid: { amountMinor: paid, currency: seeded.currency },
    amountRemaining: { amountMinor: remaining, currency: seeded.currency },
    invoiceDate: '2025-07-01',
    dueDate: '2025-07-31',
    ...extra,
  });

  beforeAll(async () => {
    h = await CrmHarness.start();
    const [c] = await h.sf.soql<Record<string, any>>(
      'SELECT External_Id__c, CurrencyIsoCode, Account.External_Id__c, Opportunity__r.External_Id__c FROM Contract ' +
        'WHERE Opportunity__c != null ORDER BY External_Id__c LIMIT 1',
    );
    seeded = {
      contractId: c.External_Id__c,
      customerId: c.Account.External_Id__c,
      opportunityId: c.Opportunity__r.External_Id__c,
      currency: c.CurrencyIsoCode,
    };
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('creates one record under the account, contract and opportunity, then updates it by external id', async () => {
    const created = await call('PUT', '/invoices/INV-CRM-0001', write('open', 0, 123456));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 'INV-CRM-0001',
      crossReferences: { salesforce: expect.stringMatching(/^a0I/) },
      customerId: seeded.customerId,
      contractId: seeded.contractId,
      opportunityId: seeded.opportunityId,
      projectId: 'PRJ-0001',
      number: 'ACME-0042',
      status: 'open',
      currency: seeded.currency,
      total: { amountMinor: 123456, currency: seeded.currency },
      amountPaid: { amountMinor: 0, currency: seeded.currency },
      amountRemaining: { amountMinor: 123456, currency: seeded.currency },
      invoiceDate: '2025-07-01',
      dueDate: '2025-07-31',
    });
    const [before] = await records('INV-CRM-0001');
    expect(before).toMatchObject({ Status__c: 'Open', Amount__c: 1234.56, Amount_Remaining__c: 1234.56 });

    const partial = await call('PUT', '/invoices/INV-CRM-0001', write('partially_paid', 100000, 23456));
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: 'partially_paid', amountRemaining: { amountMinor: 23456 } });
    const paid = await call('PUT', '/invoices/INV-CRM-0001', write('paid', 123456, 0, { paidDate: '2025-07-20' }));
    expect(paid.status).toBe(200);
    const rows = await records('INV-CRM-0001');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Status__c: 'Paid',
      Amount_Paid__c: 1234.56,
      Amount_Remaining__c: 0,
      Paid_Date__c: '2025-07-20',
      Id: before.Id,
    });
    expect((await call('GET', '/invoices/INV-CRM-0001')).body.status).toBe('paid');
  });

  it('answers 422 naming the field for an unknown account or contract, and amounts that do not add up', async () => {
    const account = await call('PUT', '/invoices/INV-CRM-0002', write('open', 0, 123456, { customerId: 'ACC-NOPE' }));
    expect(account.status).toBe(422);
    expect(account.contentType).toContain('application/problem+json');
    expect(account.body.errors).toEqual([
      { field: 'customerId', message: 'account ACC-NOPE does not exist in salesforce' },
    ]);
    const contract = await call('PUT', '/invoices/INV-CRM-0002', write('open', 0, 123456, { contractId: 'CTR-NOPE' }));
    expect(contract.body.errors[0].field).toBe('contractId');
    const sums = await call('PUT', '/invoices/INV-CRM-0002', write('partially_paid', 100, 100));
    expect(sums.status).toBe(422);
    expect(sums.body.errors[0].field).toBe('amountRemaining');
    const currency = await call(
      'PUT',
      '/invoices/INV-CRM-0002',
      write('open', 0, 123456, { total: { amountMinor: 123456, currency: 'JPY' } }),
    );
    expect(currency.status).toBe(400);
    expect(await records('INV-CRM-0002')).toHaveLength(0);
    expect((await call('GET', '/invoices/INV-CRM-0002')).status).toBe(404);
  });

  it('records a voided invoice with nothing remaining', async () => {
    const voided = await call('PUT', '/invoices/INV-CRM-0003', write('voided', 0, 0));
    expect(voided.status).toBe(201);
    expect((await records('INV-CRM-0003'))[0].Status__c).toBe('Voided');
  });
});
