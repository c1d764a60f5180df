import { ContractWriteDto } from '@app/contracts';
import {
  contractEndDate,
  contractTermFor,
  ContractTermError,
  toCanonicalContract,
  toSalesforceContract,
} from './salesforce-contract.mapper';
import { SalesforceMappingError } from './salesforce-opportunity.mapper';
import { SalesforceContractRecord } from './salesforce.types';

const record = (over: Partial<SalesforceContractRecord> = {}): SalesforceContractRecord => ({
  Id: '8005g0000000001AAA',
  External_Id__c: 'CTR-0001',
  Name: 'Acme - Data platform build',
  AccountId: '0015g0000000001AAA',
  Account: { External_Id__c: 'ACC-0001', Legal_Entity__c: 'US-01' },
  Opportunity__c: '0065g0000000001AAA',
  Opportunity__r: { External_Id__c: 'OPP-0001' },
  Status: 'Activated',
  StartDate: '2025-02-03',
  ContractTerm: 6,
  EndDate: '2025-08-02',
  CurrencyIsoCode: 'USD',
  Legal_Entity__c: 'US-01',
  Billing_Model__c: 'Time_and_Materials',
  Rate_Card__c: 'RC-US-STD-2025',
  Payment_Terms_Days__c: 45,
  Total_Value__c: null,
  Retainer_Fee__c: null,
  Retainer_Period__c: null,
  Retainer_Included_Hours__c: null,
  LastModifiedDate: '2025-01-06T12:00:00.000+0000',
  ...over,
});

describe('toCanonicalContract (Salesforce Contract -> canonical Contract)', () => {
  it('maps a full record', () => {
    expect(toCanonicalContract(record())).toEqual({
      id: 'CTR-0001',
      crossReferences: { salesforce: '8005g0000000001AAA' },
      updatedAt: '2025-01-06T12:00:00.000Z',
      name: 'Acme - Data platform build',
      customerId: 'ACC-0001',
      legalEntityId: 'US-01',
      opportunityId: 'OPP-0001',
      billingModel: 'time-and-materials',
      status: 'active',
      currency: 'USD',
      startDate: '2025-02-03',
      endDate: '2025-08-02',
      rateCardId: 'RC-US-STD-2025',
      paymentTermsDays: 45,
      amendments: [],
    });
  });

  it('ids: external ids, else Salesforce ids', () => {
    const c = toCanonicalContract(record({ External_Id__c: null, Account: null, Opportunity__r: null }));
    expect(c).toMatchObject({
      id: '8005g0000000001AAA',
      customerId: '0015g0000000001AAA',
      opportunityId: '0065g0000000001AAA',
    });
    expect(toCanonicalContract(record({ Opportunity__c: null, Opportunity__r: null }))).not.toHaveProperty(
      'opportunityId',
    );
  });

  it('status: each Salesforce status; an unknown one is a mapping error', () => {
    const status = (Status: string) => toCanonicalContract(record({ Status })).status;
    expect(
      ['Draft', 'In Approval Process', 'Activated', 'Suspended', 'Completed', 'Terminated', 'Expired'].map(status),
    ).toEqual(['draft', 'draft', 'active', 'suspended', 'completed', 'terminated', 'completed']);
    expect(() => status('Signed')).toThrow(SalesforceMappingError);
  });

  it('billingModel: each picklist value; none is a mapping error', () => {
    const model = (v: string) => toCanonicalContract(record({ Billing_Model__c: v, Total_Value__c: 1 })).billingModel;
    expect(['Time_and_Materials', 'Fixed_Fee', 'Milestone', 'Retainer'].map(model)).toEqual([
      'time-and-materials',
      'fixed-fee',
      'milestone',
      'retainer',
    ]);
    expect(() => toCanonicalContract(record({ Billing_Model__c: null }))).toThrow('no billing model');
  });

  it("legalEntityId: the contract's, else the account's; none is a mapping error", () => {
    expect(toCanonicalContract(record({ Legal_Entity__c: null })).legalEntityId).toBe('US-01');
    expect(() =>
      toCanonicalContract(record({ Legal_Entity__c: null, Account: { External_Id__c: 'ACC-0001' } })),
    ).toThrow('no legal entity');
  });

  it('paymentTermsDays: the field, else the configured default', () => {
    expect(
      toCanonicalContract(record({ Payment_Terms_Days__c: null }), { defaultPaymentTermsDays: 14 }).paymentTermsDays,
    ).toBe(14);
  });

  it('money: Total_Value__c and the retainer in minor units of the contract currency; included hours -> minutes', () => {
    const c = toCanonicalContract(
      record({
        Billing_Model__c: 'Retainer',
        CurrencyIsoCode: 'GBP',
        Total_Value__c: 96000.5,
        Retainer_Fee__c: 8000,
        Retainer_Period__c: 'Monthly',
        Retainer_Included_Hours__c: 37.5,
      }),
    );
    expect(c.totalValue).toEqual({ amountMinor: 9600050, currency: 'GBP' });
    expect(c.retainer).toEqual({
      fee: { amountMinor: 800000, currency: 'GBP' },
      period: 'monthly',
      includedMinutes: 2250,
    });
  });

  it('name: Name, else "Contract <id>"; no StartDate is a mapping error', () => {
    expect(toCanonicalContract(record({ Name: null })).name).toBe('Contract 8005g0000000001AAA');
    expect(() => toCanonicalContract(record({ StartDate: null }))).toThrow('no StartDate');
  });
});

describe('contract term (Salesforce derives EndDate = StartDate + ContractTerm months - 1 day)', () => {
  it('derives the end date like Salesforce, clamping to the month end', () => {
    expect(contractEndDate('2025-02-03', 6)).toBe('2025-08-02');
    expect(contractEndDate('2025-01-01', 12)).toBe('2025-12-31');
    expect(contractEndDate('2025-01-31', 1)).toBe('2025-02-28');
  });

  it('finds the term of a canonical end date, refuses one no whole month count gives', () => {
    expect(contractTermFor('2025-02-03', '2025-08-02')).toBe(6);
    expect(contractTermFor('2025-01-01', '2025-12-31')).toBe(12);
    expect(contractTermFor('2025-01-31', '2025-02-28')).toBe(1);
    expect(() => contractTermFor('2025-01-01', '2025-06-15')).toThrow(ContractTermError);
    expect(() => contractTermFor('2025-01-01', '2025-01-01')).toThrow(ContractTermError);
  });
});

describe('toSalesforceContract (canonical contract write -> Salesforce fields)', () => {
  const write: ContractWriteDto = {
    id: 'CTR-NEW-1',
    name: 'Fixed-fee rollout',
    customerId: 'ACC-0005',
    legalEntityId: 'DE-01',
    billingModel: 'fixed-fee',
    status: 'active',
    currency: 'EUR',
    startDate: '2025-04-01',
    endDate: '2025-09-30',
    totalValue: { amountMinor: 12345067, currency: 'EUR' },
    paymentTermsDays: 30,
  };

  it('writes every field, clearing what is left out; ids and references are not in the body', () => {
    expect(toSalesforceContract(write)).toEqual({
      Name: 'Fixed-fee rollout',
      Status: 'Activated',
      StartDate: '2025-04-01',
      ContractTerm: 6,
      CurrencyIsoCode: 'EUR',
      Legal_Entity__c: 'DE-01',
      Billing_Model__c: 'Fixed_Fee',
      Rate_Card__c: null,
      Payment_Terms_Days__c: 30,
      Total_Value__c: 123450.67,
      Retainer_Fee__c: null,
      Retainer_Period__c: null,
      Retainer_Included_Hours__c: null,
    });
  });

  it('status, billing model, retainer and an open end', () => {
    const body = toSalesforceContract({
      ...write,
      status: 'draft',
      billingModel: 'retainer',
      endDate: undefined,
      totalValue: undefined,
      retainer: { fee: { amountMinor: 500000, currency: 'EUR' }, period: 'quarterly', includedMinutes: 2250 },
    });
    expect(body).toMatchObject({
      Status: 'Draft',
      Billing_Model__c: 'Retainer',
      ContractTerm: null,
      Total_Value__c: null,
      Retainer_Fee__c: 5000,
      Retainer_Period__c: 'Quarterly',
      Retainer_Included_Hours__c: 37.5,
    });
  });

  it('an end date Salesforce cannot hold is a ContractTermError', () => {
    expect(() => toSalesforceContract({ ...write, endDate: '2025-09-15' })).toThrow(ContractTermError);
  });
});
