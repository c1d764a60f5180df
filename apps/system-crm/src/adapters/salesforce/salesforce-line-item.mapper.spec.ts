import { SalesforceMappingError } from './salesforce-opportunity.mapper';
import { hoursToMinutes, toCanonicalLineItem } from './salesforce-line-item.mapper';
import { SalesforceLineItemRecord } from './salesforce.types';

const record = (over: Partial<SalesforceLineItemRecord> = {}): SalesforceLineItemRecord => ({
  Id: '00k5g0000000001AAA',
  External_Id__c: 'OPP-0013-L2',
  OpportunityId: '0065g0000000001AAA',
  Quantity: 120,
  UnitPrice: 240,
  TotalPrice: 28800,
  CurrencyIsoCode: 'EUR',
  ServiceDate: '2025-03-03',
  Description: 'Senior Consultant time',
  SortOrder: 2,
  Product2: { ProductCode: 'senior-consultant', Family: 'Professional Services' },
  LastModifiedDate: '2025-01-06T11:30:00.000+0000',
  ...over,
});

const milestone = (over: Partial<SalesforceLineItemRecord> = {}) =>
  record({
    External_Id__c: 'OPP-0004-L1',
    Quantity: 1,
    UnitPrice: 38625.08,
    TotalPrice: 38625.08,
    CurrencyIsoCode: 'USD',
    ServiceDate: '2025-04-14',
    Description: 'Discovery and design signed off',
    Product2: { ProductCode: 'MILESTONE', Family: 'Milestone' },
    ...over,
  });

describe('toCanonicalLineItem (Salesforce OpportunityLineItem -> canonical line item)', () => {
  it('maps a time line', () => {
    expect(toCanonicalLineItem(record())).toEqual({
      id: 'OPP-0013-L2',
      crossReferences: { salesforce: '00k5g0000000001AAA' },
      updatedAt: '2025-01-06T11:30:00.000Z',
      kind: 'time',
      role: 'senior-consultant',
      minutes: 7200,
      unitPrice: { amountMinor: 24000, currency: 'EUR' },
      totalPrice: { amountMinor: 2880000, currency: 'EUR' },
      serviceDate: '2025-03-03',
      description: 'Senior Consultant time',
      productCode: 'senior-consultant',
    });
  });

  it('maps a milestone line: quantity in units, no role, no minutes', () => {
    expect(toCanonicalLineItem(milestone())).toEqual({
      id: 'OPP-0004-L1',
      crossReferences: { salesforce: '00k5g0000000001AAA' },
      updatedAt: '2025-01-06T11:30:00.000Z',
      kind: 'milestone',
      quantity: 1,
      unitPrice: { amountMinor: 3862508, currency: 'USD' },
      totalPrice: { amountMinor: 3862508, currency: 'USD' },
      serviceDate: '2025-04-14',
      description: 'Discovery and design signed off',
      productCode: 'MILESTONE',
    });
  });

  it('id: the external id, else the Salesforce id', () => {
    expect(toCanonicalLineItem(record({ External_Id__c: null })).id).toBe('00k5g0000000001AAA');
  });

  it('kind: Family Milestone is a milestone, any other family (or none) is time', () => {
    expect(toCanonicalLineItem(record({ Product2: { ProductCode: 'analyst', Family: null } })).kind).toBe('time');
    expect(toCanonicalLineItem(record({ Product2: { ProductCode: 'analyst', Family: 'Other' } })).kind).toBe('time');
  });

  it('role: the product code, lower-cased; a time line without one is a mapping error', () => {
    expect(
      toCanonicalLineItem(record({ Product2: { ProductCode: 'Manager', Family: 'Professional Services' } })).role,
    ).toBe('manager');
    expect(() => toCanonicalLineItem(record({ Product2: null }))).toThrow(SalesforceMappingError);
  });

  it('minutes: hours x 60 to the nearest minute, without float drift', () => {
    expect(hoursToMinutes(7.5)).toBe(450);
    expect(hoursToMinutes(0.1)).toBe(6);
    expect(hoursToMinutes(1.33)).toBe(80);
    expect(hoursToMinutes(0)).toBe(0);
    expect(toCanonicalLineItem(record({ Quantity: 37.25 })).minutes).toBe(2235);
    expect(() => toCanonicalLineItem(record({ Quantity: -1 }))).toThrow('Quantity -1 is negative');
  });

  it('quantity (milestones): whole units only', () => {
    expect(toCanonicalLineItem(milestone({ Quantity: 2 })).quantity).toBe(2);
    expect(() => toCanonicalLineItem(milestone({ Quantity: 1.5 }))).toThrow(SalesforceMappingError);
  });

  it('prices: minor units of the line currency (half-even), else the org currency; empty price is an error', () => {
    expect(toCanonicalLineItem(record({ UnitPrice: 0.125, CurrencyIsoCode: 'GBP' })).unitPrice).toEqual({
      amountMinor: 12,
      currency: 'GBP',
    });
    expect(toCanonicalLineItem(record({ UnitPrice: 1000, CurrencyIsoCode: 'JPY' })).unitPrice).toEqual({
      amountMinor: 1000,
      currency: 'JPY',
    });
    expect(toCanonicalLineItem(record({ CurrencyIsoCode: null }), 'CHF').totalPrice.currency).toBe('CHF');
    expect(() => toCanonicalLineItem(record({ TotalPrice: null }))).toThrow('TotalPrice is empty');
    expect(() => toCanonicalLineItem(record({ CurrencyIsoCode: 'XXQ' }))).toThrow('unsupported currency XXQ');
  });

  it('serviceDate, description: as is, absent when empty', () => {
    const line = toCanonicalLineItem(record({ ServiceDate: null, Description: '' }));
    expect(line).not.toHaveProperty('serviceDate');
    expect(line).not.toHaveProperty('description');
  });

  it('updatedAt: LastModifiedDate in UTC; unreadable is a mapping error', () => {
    expect(() => toCanonicalLineItem(record({ LastModifiedDate: 'soon' }))).toThrow(SalesforceMappingError);
  });
});
