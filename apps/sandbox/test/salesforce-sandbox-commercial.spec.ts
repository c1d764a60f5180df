import { bootstrapApp, RunningApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { salesforceSandboxApp } from '../src/app.definition';
import { demoFirm } from '../src/common/demo-firm';
import { seedContracts, seedLineItems, seedProducts } from '../src/salesforce/seed/seed-commercial';

/** The demo firm the sandbox seeds from. */
const firm = demoFirm();

/** Product2, OpportunityLineItem and Contract on the Salesforce sandbox over HTTP. */
describe('Salesforce sandbox: products, opportunity line items, contracts', () => {
  let db: TestDatabase;
  let sandbox: RunningApp;
  let token: string;
  const V = '/services/data/v60.0';
  const savedEnv = { ...process.env };

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const soql = async (q: string) => {
    const res = await call('GET', `${V}/query?q=${encodeURIComponent(q)}`);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body.records as Array<Record<string, any>>;
  };
  const idOf = async (object: string, externalId: string) =>
    (await soql(`SELECT Id FROM ${object} WHERE External_Id__c = '${externalId}'`))[0].Id as string;

  beforeAll(async () => {
    db = await createTestDatabase('sandbox_sf_commercial');
    process.env.DATABASE_URL = db.url;
    sandbox = await bootstrapApp(salesforceSandboxApp, { port: 0, host: '127.0.0.1', logger: false });
    const res = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    process.env = savedEnv;
  });

  it('seeds one product per role plus the milestone product, line items and contracts', async () => {
    const products = await soql('SELECT ProductCode, Family, QuantityUnitOfMeasure FROM Product2 ORDER BY Id');
    expect(products.map((p) => p.ProductCode)).toEqual([...firm.roles.map((r) => r.key), 'MILESTONE']);
    expect(seedProducts(firm)).toHaveLength(firm.roles.length + 1);
    const lines = firm.opportunities.reduce((n, o) => n + o.lineItems.length + o.milestones.length, 0);
    expect((await soql('SELECT Id FROM OpportunityLineItem')).length).toBe(lines);
    expect(seedLineItems(firm)).toHaveLength(lines);
    expect((await soql('SELECT Id FROM Contract')).length).toBe(firm.projects.length);
    expect(seedContracts(firm)).toHaveLength(firm.projects.length);
  });

  it('answers line items with parent relationship fields, the opportunity currency and derived totals', async () => {
    const deal = firm.opportunities.find(
      (o) => o.currency === 'EUR' && o.lineItems.length > 1 && o.milestones.length === 0,
    )!;
    const items = await soql(
      `SELECT External_Id__c, Quantity, UnitPrice, TotalPrice, CurrencyIsoCode, ServiceDate, Description, Product2.ProductCode, Product2.Family, Opportunity.External_Id__c FROM OpportunityLineItem WHERE Opportunity.External_Id__c = '${deal.id}' ORDER BY SortOrder`,
    );
    expect(items.map((i) => i.External_Id__c)).toEqual(deal.lineItems.map((l) => l.id));
    for (const [n, item] of items.entries()) {
      expect(item.CurrencyIsoCode).toBe('EUR');
      expect(item.TotalPrice).toBeCloseTo(item.Quantity * item.UnitPrice, 2);
      expect(Math.round(item.TotalPrice * 100)).toBe(deal.lineItems[n].totalMinor);
      expect(item.Product2).toMatchObject({ Family: 'Professional Services', ProductCode: deal.lineItems[n].role });
      expect(item.Opportunity).toMatchObject({ External_Id__c: deal.id });
    }
    const milestoneDeal = firm.opportunities.find((o) => o.milestones.length > 0)!;
    const milestones = await soql(
      `SELECT UnitPrice, Product2.ProductCode FROM OpportunityLineItem WHERE Opportunity.External_Id__c = '${milestoneDeal.id}' AND Product2.Family = 'Milestone'`,
    );
    expect(milestones).toHaveLength(milestoneDeal.milestones.length);
    expect(milestones.every((m) => m.Product2.ProductCode === 'MILESTONE')).toBe(true);
    // Milestone lines add up to the deal's amount.
    expect(Math.round(milestones.reduce((sum, m) => sum + m.UnitPrice * 100, 0))).toBe(milestoneDeal.amountMinor);
  });

  it('checks line items like Salesforce: required fields, references, unit or total price, fixed opportunity', async () => {
    const usDeal = firm.opportunities.find((o) => o.currency === 'USD')!;
    const opportunityId = await idOf('Opportunity', usDeal.id);
    const productId = await idOf('Product2', firm.roles.find((r) => r.key === 'consultant')!.itemNumber);
    const missing = await call('POST', `${V}/sobjects/OpportunityLineItem`, { OpportunityId: opportunityId });
    expect(missing.status).toBe(400);
    expect(missing.body[0]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    expect(missing.body[0].fields).toEqual(expect.arrayContaining(['Product2Id', 'Quantity']));

    const badRef = await call('POST', `${V}/sobjects/OpportunityLineItem`, {
      OpportunityId: opportunityId.replace(/.{3}$/, 'ZZZ').replace(/^(006)\w{3}/, '006999'),
      Product2Id: productId,
      Quantity: 1,
      UnitPrice: 1,
    });
    expect(badRef.status).toBe(400);
    expect(badRef.body[0].errorCode).toMatch(/INVALID_CROSS_REFERENCE_KEY|MALFORMED_ID/);

    const wrongType = await call('POST', `${V}/sobjects/OpportunityLineItem`, {
      OpportunityId: productId,
      Product2Id: productId,
      Quantity: 1,
      UnitPrice: 1,
    });
    expect(wrongType.body[0]).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['OpportunityId'] });

    const both = await call('POST', `${V}/sobjects/OpportunityLineItem`, {
      OpportunityId: opportunityId,
      Product2Id: productId,
      Quantity: 2,
      UnitPrice: 100,
      TotalPrice: 200,
    });
    expect(both.body[0]).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['TotalPrice'] });

    const noPrice = await call('POST', `${V}/sobjects/OpportunityLineItem`, {
      OpportunityId: opportunityId,
      Product2Id: productId,
      Quantity: 2,
    });
    expect(noPrice.body[0]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['UnitPrice'] });

    const byTotal = await call('PATCH', `${V}/sobjects/OpportunityLineItem/External_Id__c/TEST-X1`, {
      OpportunityId: opportunityId,
      Product2Id: productId,
      Quantity: 3,
      TotalPrice: 100,
    });
    expect(byTotal.status).toBe(201);
    const [created] = await soql(
      "SELECT UnitPrice, TotalPrice, CurrencyIsoCode FROM OpportunityLineItem WHERE External_Id__c = 'TEST-X1'",
    );
    expect(created).toMatchObject({ UnitPrice: 33.33, TotalPrice: 100, CurrencyIsoCode: 'USD' });

    const moved = await call('PATCH', `${V}/sobjects/OpportunityLineItem/${byTotal.body.id}`, {
      OpportunityId: await idOf('Opportunity', firm.opportunities.find((o) => o.id !== usDeal.id)!.id),
    });
    expect(moved.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    expect((await call('PATCH', `${V}/sobjects/OpportunityLineItem/${byTotal.body.id}`, { Quantity: 4 })).status).toBe(
      204,
    );
    const [updated] = await soql(
      `SELECT UnitPrice, TotalPrice FROM OpportunityLineItem WHERE Id = '${byTotal.body.id}'`,
    );
    expect(updated).toMatchObject({ UnitPrice: 33.33, TotalPrice: 133.32 });
  });

  it('checks contracts: account and status required, end date derived from start and term, upsert by external id', async () => {
    const eurCustomer = firm.customers.find((c) => c.currency === 'EUR')!;
    const accountId = await idOf('Account', eurCustomer.id);
    const missing = await call('POST', `${V}/sobjects/Contract`, { StartDate: '2025-01-01' });
    expect(missing.body[0]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    expect(missing.body[0].fields).toEqual(expect.arrayContaining(['AccountId', 'Status']));
    const badStatus = await call('POST', `${V}/sobjects/Contract`, { AccountId: accountId, Status: 'Signed' });
    expect(badStatus.body[0]).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['Status'],
    });
    const readOnly = await call('POST', `${V}/sobjects/Contract`, {
      AccountId: accountId,
      Status: 'Draft',
      EndDate: '2025-12-31',
    });
    expect(readOnly.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['EndDate'] });

    const body = { AccountId: accountId, Status: 'Draft', StartDate: '2025-01-31', ContractTerm: 1 };
    const first = await call('PATCH', `${V}/sobjects/Contract/External_Id__c/CTR-TEST-1`, body);
    const second = await call('PATCH', `${V}/sobjects/Contract/External_Id__c/CTR-TEST-1`, {
      ...body,
      ContractTerm: 12,
    });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
    const rows = await soql(
      "SELECT EndDate, CurrencyIsoCode, Account.External_Id__c FROM Contract WHERE External_Id__c = 'CTR-TEST-1'",
    );
    expect(rows).toEqual([
      expect.objectContaining({
        EndDate: '2026-01-30',
        CurrencyIsoCode: 'EUR',
        Account: expect.objectContaining({ External_Id__c: eurCustomer.id }),
      }),
    ]);
    const [project] = firm.projects;
    const seeded = await soql(
      `SELECT Status, Billing_Model__c, Opportunity__r.External_Id__c FROM Contract WHERE External_Id__c = '${project.contractId}'`,
    );
    expect(seeded[0]).toMatchObject({
      Status: project.status === 'completed' ? 'Completed' : 'Activated',
      Billing_Model__c: project.billingModel,
      Opportunity__r: { External_Id__c: project.opportunityId },
    });
  });
});
