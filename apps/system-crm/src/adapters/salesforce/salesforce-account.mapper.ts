import { AccountDto, AccountWriteDto, AddressDto, CustomerDto, isCurrencyCode, SystemNames } from '@app/contracts';
import { salesforceDateTimeToIso, SalesforceMappingError } from './salesforce-opportunity.mapper';
import { SalesforceAccountRecord } from './salesforce.types';

/**
 * Salesforce Account -> canonical CRM account. Pure, no I/O.
 *
 * - id: the firm's `External_Id__c`, else the Salesforce id; `crossReferences.salesforce` is the
 *   Salesforce id.
 * - currency: `CurrencyIsoCode` (multi-currency org), else the org currency.
 * - billingCountry: the ISO code `Billing_Country__c`; else the standard `BillingCountry` when it is
 *   already a two-letter code (a free-text country name is left out rather than guessed).
 */
export const SALESFORCE_ACCOUNT_FIELDS = [
  'Id',
  'Name',
  'External_Id__c',
  'Legal_Entity__c',
  'CurrencyIsoCode',
  'Billing_Country__c',
  'BillingCountry',
  'BillingStreet',
  'BillingCity',
  'BillingPostalCode',
  'Payment_Terms_Days__c',
  'LastModifiedDate',
] as const;

/** Salesforce Account field -> canonical field (for errors naming the offending field). */
export const ACCOUNT_FIELD_MAP: Readonly<Record<string, string>> = {
  External_Id__c: 'id',
  Name: 'name',
  Legal_Entity__c: 'legalEntity',
  CurrencyIsoCode: 'currency',
  Billing_Country__c: 'billingCountry',
};

const ISO_COUNTRY = /^[A-Z]{2}$/;

function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

function country(record: SalesforceAccountRecord): string | undefined {
  for (const candidate of [record.Billing_Country__c, record.BillingCountry]) {
    const value = present(candidate)?.trim().toUpperCase();
    if (value && ISO_COUNTRY.test(value)) return value;
  }
  return undefined;
}

/** The canonical account of a Salesforce record. */
export function toCanonicalAccount(record: SalesforceAccountRecord, orgCurrency = 'USD'): AccountDto {
  const currency = record.CurrencyIsoCode ?? orgCurrency;
  if (!isCurrencyCode(currency)) {
    throw new SalesforceMappingError(record.Id, `unsupported currency ${String(currency)}`, 'Account');
  }
  let updatedAt: string;
  try {
    updatedAt = salesforceDateTimeToIso(record.LastModifiedDate);
  } catch (e) {
    throw new SalesforceMappingError(record.Id, (e as Error).message, 'Account');
  }
  const dto: AccountDto = {
    id: present(record.External_Id__c) ?? record.Id,
    crossReferences: { [SystemNames.Salesforce]: record.Id },
    updatedAt,
    name: record.Name,
    legalEntity: present(record.Legal_Entity__c),
    currency,
    billingCountry: country(record),
  };
  for (const key of Object.keys(dto) as Array<keyof AccountDto>) if (dto[key] === undefined) delete dto[key];
  return dto;
}

/**
 * The Salesforce fields of a canonical account write (an upsert body: the external id is in the URL).
 * The body states the whole account: a legal entity or billing country left out is cleared; the
 * currency is only written when given (Salesforce refuses to clear it).
 */
export function toSalesforceAccount(dto: AccountWriteDto): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Name: dto.name,
    Legal_Entity__c: dto.legalEntity ?? null,
    Billing_Country__c: dto.billingCountry ?? null,
  };
  if (dto.currency !== undefined) out.CurrencyIsoCode = dto.currency;
  return out;
}

function address(record: SalesforceAccountRecord): AddressDto | undefined {
  const street = present(record.BillingStreet);
  const city = present(record.BillingCity);
  const countryCode = country(record);
  if (!street || !city || !countryCode) return undefined;
  const [line1, ...rest] = street.split(/\r?\n/).map((l) => l.trim());
  const out: AddressDto = { line1, city, countryCode };
  if (rest.filter(Boolean).length > 0) out.line2 = rest.filter(Boolean).join(', ');
  const postalCode = present(record.BillingPostalCode);
  if (postalCode) out.postalCode = postalCode;
  return out;
}

export interface CustomerMappingOptions {
  orgCurrency?: string;
  /** Payment terms of an account without `Payment_Terms_Days__c`. */
  defaultPaymentTermsDays?: number;
}

/**
 * The canonical customer of a Salesforce Account (the payload of `customer.changed`). An account
 * with no legal entity is not a customer the firm can bill yet: a SalesforceMappingError.
 * Salesforce has no customer status: a CRM account is `active`.
 */
export function toCanonicalCustomer(
  record: SalesforceAccountRecord,
  options: CustomerMappingOptions = {},
): CustomerDto {
  const account = toCanonicalAccount(record, options.orgCurrency);
  if (!account.legalEntity) {
    throw new SalesforceMappingError(
      record.Id,
      'no legal entity (Legal_Entity__c): not a billable customer',
      'Account',
    );
  }
  const dto: CustomerDto = {
    id: account.id,
    crossReferences: account.crossReferences,
    updatedAt: account.updatedAt,
    name: account.name,
    status: 'active',
    legalEntityId: account.legalEntity,
    currency: account.currency ?? options.orgCurrency ?? 'USD',
    paymentTermsDays: record.Payment_Terms_Days__c ?? options.defaultPaymentTermsDays ?? 30,
    billingAddress: address(record),
  };
  if (dto.billingAddress === undefined) delete dto.billingAddress;
  return dto;
}
