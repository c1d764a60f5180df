import type { AccountDto, ContractDto, CrmContractListDto, OpportunityDto } from '@app/contracts';
import { CrmHarness } from './crm-test-harness';

const V = '/services/data/v60.0';

/**
 * system-crm's line items, contracts, writes (external-id upserts), write-back, 422 mapping and
 * cross-references against the real Salesforce sandbox over HTTP, on a fresh database.
 */
describe('system-crm writes, line items and contracts against the Salesforce sandbox', () => {
  let h: CrmHarness;

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(h.crm!.url + path, {
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
  const countWhere = async (object: string, externalId: string) =>
    (await h.sf.soql(`SELECT Id FROM ${object} WHERE External_Id__c = '${externalId}'`)).length;
  const insertAll = async (records: Array<Record<string, unknown>>) => {
    for (let i = 0; i < records.length; i += 200) {
      const res = await h.sf.call('POST', `${V}/composite/sobjects`, {
        allOrNone: true,
        records: records.slice(i, i + 200),
      });
      expect(res.status).toBe(200);
    }
  };

  const account = { name: 'Nordlicht Beratung GmbH', legalEntity: 'DE-01', currency: 'EUR', billingCountry: 'DE' };
  const opportunity = {
    name: 'Nordlicht - Cloud migration',
    accountId: 'ACC-W-0001',
    stage: 'proposal',
    closeDate: '2025-09-30',
    amount: { amountMinor: 12000050, currency: 'EUR' },
    legalEntity: 'DE-01',
    billingModel: 'time-and-materials',
    rateCardId: 'RC-DE-STD-2025',
    startDate: '2025-10-01',
  };
  const contract = {
    id: 'CTR-W-0001',
    name: 'Nordlicht - Cloud migration',
    customerId: 'ACC-W-0001',
    legalEntityId: 'DE-01',
    opportunityId: 'OPP-W-0001',
    billingModel: 'time-and-materials',
    status: 'active',
    currency: 'EUR',
    startDate: '2025-10-01',
    endDate: '2026-03-31',
    rateCardId: 'RC-DE-STD-2025',
    paymentTermsDays: 30,
  };

  beforeAll(async () => {
    h = await CrmHarness.start({ SALESFORCE_QUERY_BATCH_SIZE: '200' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('PUT /accounts/{id}: 201 then 200, one Salesforce record, cross-reference kept', async () => {
    const first = await call('PUT', '/system/crm/v1/accounts/ACC-W-0001', account);
    expect(first.status).toBe(201);
    expect(first.body).toEqual<AccountDto>({
      id: 'ACC-W-0001',
      crossReferences: { salesforce: expect.stringMatching(/^001\w{15}$/) },
      updatedAt: expect.stringMatching(/Z$/),
      ...account,
    });
    const second = await call('PUT', '/system/crm/v1/accounts/ACC-W-0001', { ...account, name: 'Nordlicht AG' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ name: 'Nordlicht AG', crossReferences: first.body.crossReferences });
    expect(await countWhere('Account', 'ACC-W-0001')).toBe(1);

    const refs = await call('GET', '/system/crm/v1/cross-references?resource=account&canonicalId=ACC-W-0001');
    expect(refs.status).toBe(200);
    expect(refs.body).toEqual({
      total: 1,
      items: [
        {
          resource: 'account',
          canonicalId: 'ACC-W-0001',
          system: 'salesforce',
          vendorId: first.body.crossReferences.salesforce,
          updatedAt: expect.stringMatching(/Z$/),
        },
      ],
    });
    const byVendor = await call(
      'GET',
      `/system/crm/v1/cross-references?vendorId=${first.body.crossReferences.salesforce}`,
    );
    expect(byVendor.body.items.map((r: { canonicalId: string }) => r.canonicalId)).toEqual(['ACC-W-0001']);
  });

  it('concurrent PUTs of one new id make one record: one 201, the others 200', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call('PUT', '/system/crm/v1/accounts/ACC-W-RACE', { ...account, name: `Race ${i}` }).then((r) => r.status),
      ),
    );
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await countWhere('Account', 'ACC-W-RACE')).toBe(1);
  });

  it('rejects bad input with 400 problem+json naming the field, before Salesforce sees it', async () => {
    const noName = await call('PUT', '/system/crm/v1/accounts/ACC-W-0002', { currency: 'EUR' });
    expect(noName.status).toBe(400);
    expect(noName.contentType).toContain('application/problem+json');
    expect(noName.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));
    const badCurrency = await call('PUT', '/system/crm/v1/accounts/ACC-W-0002', { name: 'X', currency: 'EURO' });
    expect(badCurrency.status).toBe(400);
    expect(badCurrency.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'currency' })]));
    const floatMoney = await call('PUT', '/system/crm/v1/opportunities/OPP-W-0002', {
      ...opportunity,
      amount: { amountMinor: 10.5, currency: 'EUR' },
    });
    expect(floatMoney.status).toBe(400);
    const twoCurrencies = await call('PUT', '/system/crm/v1/opportunities/OPP-W-0002', {
      ...opportunity,
      budget: { amountMinor: 100, currency: 'USD' },
    });
    expect(twoCurrencies.status).toBe(400);
    expect(twoCurrencies.body.errors).toEqual([expect.objectContaining({ field: 'budget.currency' })]);
    const emptyWriteBack = await call('PATCH', '/system/crm/v1/opportunities/OPP-0001', {});
    expect(emptyWriteBack.status).toBe(400);
    expect(await countWhere('Account', 'ACC-W-0002')).toBe(0);
  });

  it('maps what Salesforce refuses to 422 problem+json with vendor, vendorCode and the canonical field', async () => {
    const picklist = await call('PUT', '/system/crm/v1/accounts/ACC-W-0003', {
      name: 'Lumière SAS',
      legalEntity: 'FR-01',
    });
    expect(picklist.status).toBe(422);
    expect(picklist.contentType).toContain('application/problem+json');
    expect(picklist.body).toMatchObject({
      status: 422,
      vendor: 'salesforce',
      vendorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      field: 'legalEntity',
      errors: [{ field: 'legalEntity', vendorField: 'Legal_Entity__c' }],
    });
    const tooLong = await call('PUT', '/system/crm/v1/opportunities/OPP-W-0003', {
      ...opportunity,
      name: 'x'.repeat(200),
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({ vendor: 'salesforce', vendorCode: 'STRING_TOO_LONG', field: 'name' });
    const noAccount = await call('PUT', '/system/crm/v1/opportunities/OPP-W-0003', {
      ...opportunity,
      accountId: 'ACC-NOPE',
    });
    expect(noAccount.status).toBe(422);
    expect(noAccount.body).toMatchObject({ field: 'accountId', errors: [{ field: 'accountId' }] });
    const badTerm = await call('POST', '/system/crm/v1/contracts', {
      ...contract,
      id: 'CTR-W-0003',
      endDate: '2026-03-15',
    });
    expect(badTerm.status).toBe(422);
    expect(badTerm.body).toMatchObject({ field: 'endDate', vendor: 'salesforce' });
    expect(await countWhere('Opportunity', 'OPP-W-0003')).toBe(0);
    expect(await countWhere('Contract', 'CTR-W-0003')).toBe(0);
  });

  it('PUT /opportunities/{id}: 201 then 200, one record; the account linked by its canonical id', async () => {
    const first = await call('PUT', '/system/crm/v1/opportunities/OPP-W-0001', opportunity);
    expect(first.status).toBe(201);
    expect(first.body).toEqual<OpportunityDto>({
      id: 'OPP-W-0001',
      crossReferences: { salesforce: expect.stringMatching(/^006\w{15}$/) },
      updatedAt: expect.stringMatching(/Z$/),
      ...(opportunity as Omit<OpportunityDto, 'id' | 'crossReferences'>),
      lineItems: [],
    });
    const second = await call('PUT', '/system/crm/v1/opportunities/OPP-W-0001', {
      ...opportunity,
      stage: 'negotiation',
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ stage: 'negotiation', crossReferences: first.body.crossReferences });
    expect(await countWhere('Opportunity', 'OPP-W-0001')).toBe(1);
    const [row] = await h.sf.soql<{ StageName: string; Account: { External_Id__c: string } }>(
      "SELECT StageName, Account.External_Id__c FROM Opportunity WHERE External_Id__c = 'OPP-W-0001'",
    );
    expect(row).toMatchObject({ StageName: 'Negotiation/Review', Account: { External_Id__c: 'ACC-W-0001' } });
  });

  it('GET /opportunities/{id} has every line item (all batches), time in minutes and milestones', async () => {
    const product = await h.sf.call('PATCH', `${V}/sobjects/Product2/External_Id__c/PRD-W-CONSULTANT`, {
      Name: 'Consultant (hour)',
      ProductCode: 'consultant',
      Family: 'Professional Services',
    });
    const milestone = await h.sf.call('PATCH', `${V}/sobjects/Product2/External_Id__c/PRD-W-MILESTONE`, {
      Name: 'Milestone',
      ProductCode: 'MILESTONE',
      Family: 'Milestone',
    });
    const opportunityId = (await call('GET', '/system/crm/v1/opportunities/OPP-W-0001')).body.crossReferences
      .salesforce;
    await insertAll(
      Array.from({ length: 240 }, (_, i) => ({
        attributes: { type: 'OpportunityLineItem' },
        OpportunityId: opportunityId,
        Product2Id: product.body.id,
        External_Id__c: `OPP-W-0001-T${String(i).padStart(3, '0')}`,
        Quantity: 7.5,
        UnitPrice: 180.5,
        ServiceDate: '2025-10-06',
        Description: `Week ${i}`,
        SortOrder: i + 1,
      })),
    );
    await insertAll([
      {
        attributes: { type: 'OpportunityLineItem' },
        OpportunityId: opportunityId,
        Product2Id: milestone.body.id,
        External_Id__c: 'OPP-W-0001-M1',
        Quantity: 1,
        TotalPrice: 25000.75,
        ServiceDate: '2025-12-19',
        Description: 'Cut-over complete',
        SortOrder: 1000,
      },
    ]);
    await h.sql('TRUNCATE sandbox_salesforce.query_cursors');
    const res = await call('GET', '/system/crm/v1/opportunities/OPP-W-0001');
    expect(res.status).toBe(200);
    const lines = (res.body as OpportunityDto).lineItems!;
    expect(lines).toHaveLength(241);
    expect(await h.sql('SELECT jsonb_array_length(records) AS n FROM sandbox_salesforce.query_cursors')).toEqual([
      { n: 241 },
    ]);
    expect(lines[0]).toEqual({
      id: 'OPP-W-0001-T000',
      crossReferences: { salesforce: expect.stringMatching(/^00k\w{15}$/) },
      updatedAt: expect.stringMatching(/Z$/),
      kind: 'time',
      role: 'consultant',
      minutes: 450,
      unitPrice: { amountMinor: 18050, currency: 'EUR' },
      totalPrice: { amountMinor: 135375, currency: 'EUR' },
      serviceDate: '2025-10-06',
      description: 'Week 0',
      productCode: 'consultant',
    });
    expect(lines[240]).toMatchObject({
      id: 'OPP-W-0001-M1',
      kind: 'milestone',
      quantity: 1,
      unitPrice: { amountMinor: 2500075, currency: 'EUR' },
      totalPrice: { amountMinor: 2500075, currency: 'EUR' },
      serviceDate: '2025-12-19',
      description: 'Cut-over complete',
    });
    const refs = await call('GET', '/system/crm/v1/cross-references?resource=opportunity-line-item&limit=1000');
    expect(refs.body.total).toBe(241);
  });

  it('GET /opportunities/{id} of a seeded deal carries its seeded line items', async () => {
    const [seeded] = await h.sf.soql<{ Opportunity: { External_Id__c: string } }>(
      'SELECT Opportunity.External_Id__c FROM OpportunityLineItem ORDER BY Id LIMIT 1',
    );
    const id = seeded.Opportunity.External_Id__c;
    const expected = await h.sf.soql(`SELECT Id FROM OpportunityLineItem WHERE Opportunity.External_Id__c = '${id}'`);
    const res = await call('GET', `/system/crm/v1/opportunities/${id}`);
    expect(res.body.lineItems).toHaveLength(expected.length);
    // The list stays light: no line items per opportunity.
    const list = await call('GET', '/system/crm/v1/opportunities?stage=closed-won');
    expect(list.body.items.every((o: OpportunityDto) => o.lineItems === undefined)).toBe(true);
  });

  it('PATCH /opportunities/{id} writes the project code and the stage back', async () => {
    const res = await call('PATCH', '/system/crm/v1/opportunities/OPP-W-0001', {
      projectCode: 'PRJ-2025-0042',
      stage: 'closed-won',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'OPP-W-0001', projectCode: 'PRJ-2025-0042', stage: 'closed-won' });
    const [row] = await h.sf.soql<{ Project_Code__c: string; StageName: string; IsWon: boolean }>(
      "SELECT Project_Code__c, StageName, IsWon FROM Opportunity WHERE External_Id__c = 'OPP-W-0001'",
    );
    expect(row).toMatchObject({ Project_Code__c: 'PRJ-2025-0042', StageName: 'Closed Won', IsWon: true });
    // A later full write by sales keeps the code delivery wrote.
    await call('PUT', '/system/crm/v1/opportunities/OPP-W-0001', { ...opportunity, stage: 'closed-won' });
    expect((await call('GET', '/system/crm/v1/opportunities/OPP-W-0001')).body.projectCode).toBe('PRJ-2025-0042');
    const missing = await call('PATCH', '/system/crm/v1/opportunities/OPP-NOPE', { projectCode: 'PRJ-1' });
    expect(missing.status).toBe(404);
    expect(missing.contentType).toContain('application/problem+json');
  });

  it('POST /contracts: 201, a retry 200 with the same record; GET one by canonical or Salesforce id', async () => {
    const first = await call('POST', '/system/crm/v1/contracts', contract);
    expect(first.status).toBe(201);
    const { id, ...rest } = contract;
    expect(first.body).toEqual<ContractDto>({
      id,
      crossReferences: { salesforce: expect.stringMatching(/^800\w{15}$/) },
      updatedAt: expect.stringMatching(/Z$/),
      ...(rest as Omit<ContractDto, 'id' | 'crossReferences' | 'amendments'>),
      amendments: [],
    });
    const retry = await call('POST', '/system/crm/v1/contracts', contract);
    expect(retry.status).toBe(200);
    expect(retry.body.crossReferences).toEqual(first.body.crossReferences);
    expect(await countWhere('Contract', 'CTR-W-0001')).toBe(1);
    const byId = await call('GET', '/system/crm/v1/contracts/CTR-W-0001');
    expect(byId.body).toEqual(retry.body);
    expect((await call('GET', `/system/crm/v1/contracts/${first.body.crossReferences.salesforce}`)).body).toEqual(
      retry.body,
    );
    const missing = await call('GET', '/system/crm/v1/contracts/CTR-NOPE');
    expect(missing.status).toBe(404);
    const invalid = await call('POST', '/system/crm/v1/contracts', { ...contract, billingModel: 'hourly' });
    expect(invalid.status).toBe(400);
    const noRateCard = await call('POST', '/system/crm/v1/contracts', { ...contract, rateCardId: undefined });
    expect(noRateCard.status).toBe(400);
    expect(noRateCard.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'rateCardId' })]));
  });

  it('GET /contracts lists every contract through every batch', async () => {
    const accountId = (await call('GET', '/system/crm/v1/accounts/ACC-W-0001')).body.crossReferences.salesforce;
    const seeded = (await h.sf.soql('SELECT Id FROM Contract')).length;
    await insertAll(
      Array.from({ length: 230 }, (_, i) => ({
        attributes: { type: 'Contract' },
        AccountId: accountId,
        External_Id__c: `CTR-BULK-${String(i).padStart(3, '0')}`,
        Name: `Bulk ${i}`,
        Status: 'Draft',
        StartDate: '2026-01-01',
        ContractTerm: 12,
        Billing_Model__c: 'Fixed_Fee',
        Total_Value__c: 1000 + i,
      })),
    );
    const res = await call('GET', '/system/crm/v1/contracts');
    expect(res.status).toBe(200);
    const items = (res.body as CrmContractListDto).items;
    expect(items).toHaveLength(seeded + 230);
    expect(items.find((c) => c.id === 'CTR-BULK-007')).toMatchObject({
      status: 'draft',
      billingModel: 'fixed-fee',
      customerId: 'ACC-W-0001',
      legalEntityId: 'DE-01',
      totalValue: { amountMinor: 100700, currency: 'EUR' },
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      paymentTermsDays: 30,
    });
  });

  it('renews the session once on 401 during a write', async () => {
    const tokens = async () =>
      Number((await h.sql<{ n: string }>('SELECT count(*) AS n FROM sandbox_salesforce.oauth_tokens'))[0].n);
    const before = await tokens();
    await fetch(`${h.sandbox.url}/__sandbox/sessions/expire`, { method: 'POST' });
    const res = await call('PUT', '/system/crm/v1/accounts/ACC-W-0001', account);
    expect(res.status).toBe(200);
    expect(await tokens()).toBe(before + 1);
  });
});
