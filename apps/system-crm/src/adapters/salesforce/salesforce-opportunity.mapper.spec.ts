import { OpportunityDto } from '@app/contracts';
import {
  salesforceDateTimeToIso,
  SalesforceMappingError,
  soqlDateTime,
  soqlString,
  stageCondition,
  toCanonicalOpportunity,
  toCanonicalStage,
  toSalesforceOpportunity,
  toSalesforceStageName,
} from './salesforce-opportunity.mapper';
import { SalesforceOpportunityRecord } from './salesforce.types';

function record(overrides: Partial<SalesforceOpportunityRecord> = {}): SalesforceOpportunityRecord {
  return {
    attributes: { type: 'Opportunity', url: '/services/data/v60.0/sobjects/Opportunity/0065g0000000001AAA' },
    Id: '0065g0000000001AAA',
    Name: 'Acme - Data platform rollout',
    AccountId: '0015g0000000001AAA',
    Account: { External_Id__c: 'ACC-0001' },
    StageName: 'Closed Won',
    IsWon: true,
    IsClosed: true,
    Amount: 185000.5,
    CurrencyIsoCode: 'USD',
    CloseDate: '2025-01-31',
    External_Id__c: 'OPP-0001',
    Legal_Entity__c: 'US-01',
    Billing_Model__c: 'Time_and_Materials',
    Rate_Card__c: 'RC-US-STD-2025',
    Tax_Profile__c: 'US-SERVICES',
    Start_Date__c: '2025-02-03',
    End_Date__c: '2025-07-31',
    Budget__c: 190000,
    Project_Code__c: null,
    LastModifiedDate: '2025-01-06T10:00:00.000+0000',
    ...overrides,
  };
}

describe('Salesforce opportunity mapper: Salesforce -> canonical', () => {
  it('maps every field', () => {
    expect(toCanonicalOpportunity(record())).toEqual<OpportunityDto>({
      id: 'OPP-0001',
      crossReferences: { salesforce: '0065g0000000001AAA' },
      updatedAt: '2025-01-06T10:00:00.000Z',
      name: 'Acme - Data platform rollout',
      accountId: 'ACC-0001',
      stage: 'closed-won',
      amount: { amountMinor: 18500050, currency: 'USD' },
      closeDate: '2025-01-31',
      legalEntity: 'US-01',
      billingModel: 'time-and-materials',
      rateCardId: 'RC-US-STD-2025',
      taxProfile: 'US-SERVICES',
      startDate: '2025-02-03',
      endDate: '2025-07-31',
      budget: { amountMinor: 19000000, currency: 'USD' },
    });
  });

  it('uses the Salesforce id when there is no external id, and the AccountId when the account has none', () => {
    const dto = toCanonicalOpportunity(record({ External_Id__c: null, Account: { External_Id__c: null } }));
    expect(dto.id).toBe('0065g0000000001AAA');
    expect(dto.accountId).toBe('0015g0000000001AAA');
    expect(dto.crossReferences).toEqual({ salesforce: '0065g0000000001AAA' });
    expect(
      toCanonicalOpportunity(record({ External_Id__c: '', Account: null, AccountId: null })).accountId,
    ).toBeUndefined();
  });

  it('leaves absent optional fields out (no nulls)', () => {
    const dto = toCanonicalOpportunity(
      record({
        Amount: null,
        Budget__c: null,
        Legal_Entity__c: null,
        Billing_Model__c: null,
        Rate_Card__c: null,
        Tax_Profile__c: null,
        Start_Date__c: null,
        End_Date__c: null,
      }),
    );
    for (const key of [
      'amount',
      'budget',
      'legalEntity',
      'billingModel',
      'rateCardId',
      'taxProfile',
      'startDate',
      'endDate',
      'projectCode',
    ]) {
      expect(dto).not.toHaveProperty(key);
    }
    expect(toCanonicalOpportunity(record({ Project_Code__c: 'PRJ-1' })).projectCode).toBe('PRJ-1');
  });

  it.each([
    [0.1, 'USD', 10],
    [0.29, 'USD', 29],
    [1.005, 'USD', 100], // half-even on the exact decimal 1.005, not on the float 1.00499999...
    [1.015, 'USD', 102],
    [123456789.99, 'EUR', 12345678999],
    [4.35, 'GBP', 435],
    [1000, 'JPY', 1000],
    [12.345, 'KWD', 12345],
    [0, 'USD', 0],
  ])('converts Amount %p %s to %p minor units exactly', (amount, currency, minor) => {
    expect(
      toCanonicalOpportunity(record({ Amount: amount, CurrencyIsoCode: currency, Budget__c: null })).amount,
    ).toEqual({ amountMinor: minor, currency });
  });

  it('takes the currency of the record, else the org currency', () => {
    expect(toCanonicalOpportunity(record({ CurrencyIsoCode: 'EUR' })).amount?.currency).toBe('EUR');
    expect(toCanonicalOpportunity(record({ CurrencyIsoCode: undefined }), 'GBP').amount).toEqual({
      amountMinor: 18500050,
      currency: 'GBP',
    });
  });

  it('rejects what the canonical model cannot hold', () => {
    expect(() => toCanonicalOpportunity(record({ CurrencyIsoCode: 'XYZ' }))).toThrow(SalesforceMappingError);
    expect(() => toCanonicalOpportunity(record({ LastModifiedDate: 'yesterday' }))).toThrow(SalesforceMappingError);
  });

  it.each([
    ['Prospecting', false, false, 'prospecting'],
    ['Qualification', false, false, 'qualification'],
    ['Needs Analysis', false, false, 'qualification'],
    ['Value Proposition', false, false, 'proposal'],
    ['Id. Decision Makers', false, false, 'proposal'],
    ['Perception Analysis', false, false, 'proposal'],
    ['Proposal/Price Quote', false, false, 'proposal'],
    ['Negotiation/Review', false, false, 'negotiation'],
    ['Closed Won', true, true, 'closed-won'],
    ['Closed Lost', false, true, 'closed-lost'],
    ['Signed (custom won stage)', true, true, 'closed-won'],
    ['Dead (custom lost stage)', false, true, 'closed-lost'],
    ['Some custom open stage', false, false, 'prospecting'],
    ['closed won', undefined, undefined, 'closed-won'],
  ])('maps stage %p (won %p, closed %p) to %p', (name, won, closed, stage) => {
    expect(toCanonicalStage(name, won, closed)).toBe(stage);
  });

  it('maps billing models', () => {
    expect(toCanonicalOpportunity(record({ Billing_Model__c: 'Fixed_Fee' })).billingModel).toBe('fixed-fee');
    expect(toCanonicalOpportunity(record({ Billing_Model__c: 'Milestone' })).billingModel).toBe('milestone');
    expect(toCanonicalOpportunity(record({ Billing_Model__c: 'Retainer' })).billingModel).toBe('retainer');
    expect(toCanonicalOpportunity(record({ Billing_Model__c: 'Barter' }))).not.toHaveProperty('billingModel');
  });

  it('parses Salesforce datetimes with any offset', () => {
    expect(salesforceDateTimeToIso('2025-01-06T10:00:00.000+0000')).toBe('2025-01-06T10:00:00.000Z');
    expect(salesforceDateTimeToIso('2025-01-06T11:00:00.000+0100')).toBe('2025-01-06T10:00:00.000Z');
    expect(salesforceDateTimeToIso('2025-01-06T10:00:00Z')).toBe('2025-01-06T10:00:00.000Z');
  });
});

describe('Salesforce opportunity mapper: canonical -> Salesforce', () => {
  it('maps every writable field', () => {
    expect(
      toSalesforceOpportunity({
        name: 'Deal',
        stage: 'negotiation',
        closeDate: '2025-05-01',
        amount: { amountMinor: 12345678901, currency: 'EUR' },
        budget: { amountMinor: 5, currency: 'EUR' },
        legalEntity: 'DE-01',
        billingModel: 'time-and-materials',
        rateCardId: 'RC-DE',
        taxProfile: 'DE-VAT-19',
        startDate: '2025-05-05',
        endDate: '2025-12-31',
        projectCode: 'PRJ-9',
      }),
    ).toEqual({
      Name: 'Deal',
      StageName: 'Negotiation/Review',
      CloseDate: '2025-05-01',
      Amount: 123456789.01,
      CurrencyIsoCode: 'EUR',
      Budget__c: 0.05,
      Legal_Entity__c: 'DE-01',
      Billing_Model__c: 'Time_and_Materials',
      Rate_Card__c: 'RC-DE',
      Tax_Profile__c: 'DE-VAT-19',
      Start_Date__c: '2025-05-05',
      End_Date__c: '2025-12-31',
      Project_Code__c: 'PRJ-9',
    });
  });

  it('writes only what is given', () => {
    expect(toSalesforceOpportunity({ projectCode: 'PRJ-1' })).toEqual({ Project_Code__c: 'PRJ-1' });
    expect(toSalesforceOpportunity({ amount: { amountMinor: 500, currency: 'JPY' } })).toEqual({
      Amount: 500,
      CurrencyIsoCode: 'JPY',
    });
  });

  it('round-trips stages and amounts', () => {
    for (const stage of [
      'prospecting',
      'qualification',
      'proposal',
      'negotiation',
      'closed-won',
      'closed-lost',
    ] as const) {
      const name = toSalesforceStageName(stage);
      expect(toCanonicalStage(name, stage === 'closed-won', stage.startsWith('closed'))).toBe(stage);
    }
    const back = toCanonicalOpportunity(
      record({
        Amount: toSalesforceOpportunity({ amount: { amountMinor: 987654321, currency: 'USD' } }).Amount as number,
      }),
    );
    expect(back.amount).toEqual({ amountMinor: 987654321, currency: 'USD' });
  });
});

describe('SOQL helpers', () => {
  it('quotes string literals', () => {
    expect(soqlString("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
  });

  it('renders datetimes at second precision in UTC', () => {
    expect(soqlDateTime(new Date('2025-03-01T10:20:30.456Z'))).toBe('2025-03-01T10:20:30Z');
  });

  it('selects each stage', () => {
    expect(stageCondition('closed-won')).toBe('IsWon = true');
    expect(stageCondition('closed-lost')).toBe('(IsClosed = true AND IsWon = false)');
    expect(stageCondition('negotiation')).toBe("(IsClosed = false AND StageName IN ('Negotiation/Review'))");
    expect(stageCondition('proposal')).toContain("'Id. Decision Makers'");
    expect(stageCondition('prospecting')).toMatch(
      /^\(IsClosed = false AND StageName NOT IN \('Qualification', 'Needs Analysis', /,
    );
  });
});

describe('toSalesforceOpportunity with replace (a full write, PUT)', () => {
  it('clears the optional fields left out, never projectCode; the budget sets the currency when there is no amount', () => {
    expect(
      toSalesforceOpportunity(
        {
          name: 'Data platform',
          stage: 'proposal',
          closeDate: '2025-09-30',
          budget: { amountMinor: 5000000, currency: 'GBP' },
        },
        { replace: true },
      ),
    ).toEqual({
      Name: 'Data platform',
      StageName: 'Proposal/Price Quote',
      CloseDate: '2025-09-30',
      Amount: null,
      Budget__c: 50000,
      CurrencyIsoCode: 'GBP',
      Legal_Entity__c: null,
      Billing_Model__c: null,
      Rate_Card__c: null,
      Tax_Profile__c: null,
      Start_Date__c: null,
      End_Date__c: null,
    });
  });

  it('the amount decides the currency when both are given', () => {
    const body = toSalesforceOpportunity(
      { amount: { amountMinor: 100, currency: 'EUR' }, budget: { amountMinor: 200, currency: 'EUR' } },
      { replace: true },
    );
    expect(body).toMatchObject({ Amount: 1, Budget__c: 2, CurrencyIsoCode: 'EUR' });
  });
});
