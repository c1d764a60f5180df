import { AccountDto, isCurrencyCode, SystemNames } from '@app/contracts';
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
  'LastModifiedDate',
] as const;

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
