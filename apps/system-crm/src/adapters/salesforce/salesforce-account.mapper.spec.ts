import { SalesforceMappingError } from './salesforce-opportunity.mapper';
import { toCanonicalAccount, toCanonicalCustomer, toSalesforceAccount } from './salesforce-account.mapper';
import { SalesforceAccountRecord } from './salesforce.types';

const record = (over: Partial<SalesforceAccountRecord> = {}): SalesforceAccountRecord => ({
  Id: '001000000000001AAA',
  Name: 'Rheinwerk Consulting GmbH',
  External_Id__c: 'ACC-0004',
  Legal_Entity__c: 'DE-01',
  CurrencyIsoCode: 'EUR',
  Billing_Country__c: 'DE',
  BillingCountry: 'Germany',
  LastModifiedDate: '2025-01-15T10:30:00.000+0000',
  ...over,
});

describe('toCanonicalAccount (Salesforce Account -> CRM account)', () => {
  it('maps a full record', () => {
    expect(toCanonicalAccount(record())).toEqual({
      id: 'ACC-0004',
      crossReferences: { salesforce: '001000000000001AAA' },
      updatedAt: '2025-01-15T10:30:00.000Z',
      name: 'Rheinwerk Consulting GmbH',
      legalEntity: 'DE-01',
      currency: 'EUR',
      billingCountry: 'DE',
    });
  });

  it('id: the external id, else the Salesforce id; crossReferences always the Salesforce id', () => {
    expect(toCanonicalAccount(record({ External_Id__c: null })).id).toBe('001000000000001AAA');
    expect(toCanonicalAccount(record({ External_Id__c: '' })).id).toBe('001000000000001AAA');
    expect(toCanonicalAccount(record({ External_Id__c: null })).crossReferences).toEqual({
      salesforce: '001000000000001AAA',
    });
  });

  it('updatedAt: LastModifiedDate in UTC, any offset', () => {
    expect(toCanonicalAccount(record({ LastModifiedDate: '2025-01-15T12:30:00.000+0200' })).updatedAt).toBe(
      '2025-01-15T10:30:00.000Z',
    );
    expect(() => toCanonicalAccount(record({ LastModifiedDate: 'yesterday' }))).toThrow(SalesforceMappingError);
  });

  it('name: as is', () => {
    expect(toCanonicalAccount(record({ Name: "O'Brien & Sons" })).name).toBe("O'Brien & Sons");
  });

  it('legalEntity: Legal_Entity__c, absent when empty', () => {
    expect(toCanonicalAccount(record({ Legal_Entity__c: 'UK-01' })).legalEntity).toBe('UK-01');
    expect(toCanonicalAccount(record({ Legal_Entity__c: null }))).not.toHaveProperty('legalEntity');
  });

  it('currency: CurrencyIsoCode, else the org currency; an unknown code is a mapping error', () => {
    expect(toCanonicalAccount(record({ CurrencyIsoCode: 'GBP' })).currency).toBe('GBP');
    expect(toCanonicalAccount(record({ CurrencyIsoCode: undefined }), 'CHF').currency).toBe('CHF');
    expect(toCanonicalAccount(record({ CurrencyIsoCode: null })).currency).toBe('USD');
    expect(() => toCanonicalAccount(record({ CurrencyIsoCode: 'XXQ' }))).toThrow(
      'Account 001000000000001AAA: unsupported currency XXQ',
    );
  });

  it('billingCountry: Billing_Country__c, else a two-letter BillingCountry; a country name is left out', () => {
    expect(toCanonicalAccount(record({ Billing_Country__c: 'gb' })).billingCountry).toBe('GB');
    expect(toCanonicalAccount(record({ Billing_Country__c: null, BillingCountry: 'FR' })).billingCountry).toBe('FR');
    expect(toCanonicalAccount(record({ Billing_Country__c: null, BillingCountry: 'Germany' }))).not.toHaveProperty(
      'billingCountry',
    );
    expect(toCanonicalAccount(record({ Billing_Country__c: '', BillingCountry: null }))).not.toHaveProperty(
      'billingCountry',
    );
  });
});

describe('toSalesforceAccount (canonical account write -> Salesforce Account fields)', () => {
  it('maps every field; the external id stays in the URL', () => {
    expect(
      toSalesforceAccount({ name: 'Kranich AG', legalEntity: 'DE-01', currency: 'EUR', billingCountry: 'DE' }),
    ).toEqual({ Name: 'Kranich AG', Legal_Entity__c: 'DE-01', CurrencyIsoCode: 'EUR', Billing_Country__c: 'DE' });
  });

  it('clears legal entity and billing country when left out, never the currency', () => {
    expect(toSalesforceAccount({ name: 'Kranich AG' })).toEqual({
      Name: 'Kranich AG',
      Legal_Entity__c: null,
      Billing_Country__c: null,
    });
  });
});

describe('toCanonicalCustomer (Salesforce Account -> canonical customer for customer.changed)', () => {
  it('maps a full record', () => {
    expect(
      toCanonicalCustomer(
        record({
          BillingStreet: 'Hafenstrasse 4\nHaus B',
          BillingCity: 'Hamburg',
          BillingPostalCode: '20457',
          Payment_Terms_Days__c: 45,
        }),
      ),
    ).toEqual({
      id: 'ACC-0004',
      crossReferences: { salesforce: '001000000000001AAA' },
      updatedAt: '2025-01-15T10:30:00.000Z',
      name: 'Rheinwerk Consulting GmbH',
      status: 'active',
      legalEntityId: 'DE-01',
      currency: 'EUR',
      paymentTermsDays: 45,
      billingAddress: {
        line1: 'Hafenstrasse 4',
        line2: 'Haus B',
        city: 'Hamburg',
        postalCode: '20457',
        countryCode: 'DE',
      },
    });
  });

  it('paymentTermsDays: the field, else the configured default', () => {
    expect(toCanonicalCustomer(record(), { defaultPaymentTermsDays: 21 }).paymentTermsDays).toBe(21);
    expect(toCanonicalCustomer(record()).paymentTermsDays).toBe(30);
  });

  it('billingAddress: only with street, city and an ISO country', () => {
    expect(toCanonicalCustomer(record({ BillingStreet: 'Main St 1', BillingCity: null }))).not.toHaveProperty(
      'billingAddress',
    );
    expect(
      toCanonicalCustomer(record({ BillingStreet: 'Main St 1', BillingCity: 'Leeds', Billing_Country__c: 'GB' }))
        .billingAddress,
    ).toEqual({ line1: 'Main St 1', city: 'Leeds', countryCode: 'GB' });
  });

  it('an account without a legal entity is not a billable customer: a mapping error', () => {
    expect(() => toCanonicalCustomer(record({ Legal_Entity__c: null }))).toThrow(SalesforceMappingError);
  });
});
