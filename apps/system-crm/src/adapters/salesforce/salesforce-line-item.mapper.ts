import { isCurrencyCode, OpportunityLineItemDto, SystemNames, toMinorUnits } from '@app/contracts';
import { salesforceDateTimeToIso, SalesforceMappingError } from './salesforce-opportunity.mapper';
import { SalesforceLineItemRecord } from './salesforce.types';

/**
 * Salesforce OpportunityLineItem -> canonical OpportunityLineItem. Pure, no I/O.
 *
 * The firm's product convention (what the sandbox seeds, and what a real org's admin sets up):
 * - `Product2.Family = 'Milestone'` makes a milestone line: `quantity` = `Quantity` (whole units),
 *   `serviceDate` = the due date, `description` = the milestone's name;
 * - any other family is time: `role` = `Product2.ProductCode` (the canonical role code, lower-cased),
 *   `Quantity` is hours and becomes integer `minutes` (hours x 60, to the nearest minute);
 * - `unitPrice` (per hour or per unit) and `totalPrice` are `UnitPrice` / `TotalPrice` in the line's
 *   `CurrencyIsoCode` (its opportunity's), in minor units by decimal arithmetic, half-even.
 */
export const SALESFORCE_LINE_ITEM_FIELDS = [
  'Id',
  'External_Id__c',
  'OpportunityId',
  'Quantity',
  'UnitPrice',
  'TotalPrice',
  'CurrencyIsoCode',
  'ServiceDate',
  'Description',
  'SortOrder',
  'Product2.ProductCode',
  'Product2.Family',
  'LastModifiedDate',
] as const;

export const MILESTONE_PRODUCT_FAMILY = 'Milestone';

function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/** Hours (Salesforce `Quantity`, up to 2 decimals) -> integer minutes, without float drift. */
export function hoursToMinutes(hours: number): number {
  return Math.round((Math.round(hours * 100) * 60) / 100);
}

function money(recordId: string, field: string, value: number | null | undefined, currency: string) {
  if (value === null || value === undefined) {
    throw new SalesforceMappingError(recordId, `${field} is empty`, 'OpportunityLineItem');
  }
  try {
    return { amountMinor: toMinorUnits(value, currency, { rounding: 'half-even' }), currency };
  } catch (e) {
    throw new SalesforceMappingError(
      recordId,
      `${field} ${String(value)} ${currency}: ${(e as Error).message}`,
      'OpportunityLineItem',
    );
  }
}

/** The canonical line item of a Salesforce record. */
export function toCanonicalLineItem(record: SalesforceLineItemRecord, orgCurrency = 'USD'): OpportunityLineItemDto {
  const currency = record.CurrencyIsoCode ?? orgCurrency;
  if (!isCurrencyCode(currency)) {
    throw new SalesforceMappingError(record.Id, `unsupported currency ${String(currency)}`, 'OpportunityLineItem');
  }
  let updatedAt: string;
  try {
    updatedAt = salesforceDateTimeToIso(record.LastModifiedDate);
  } catch (e) {
    throw new SalesforceMappingError(record.Id, (e as Error).message, 'OpportunityLineItem');
  }
  const milestone = record.Product2?.Family === MILESTONE_PRODUCT_FAMILY;
  const productCode = present(record.Product2?.ProductCode);
  const dto: OpportunityLineItemDto = {
    id: present(record.External_Id__c) ?? record.Id,
    crossReferences: { [SystemNames.Salesforce]: record.Id },
    updatedAt,
    kind: milestone ? 'milestone' : 'time',
    unitPrice: money(record.Id, 'UnitPrice', record.UnitPrice, currency),
    totalPrice: money(record.Id, 'TotalPrice', record.TotalPrice, currency),
    serviceDate: present(record.ServiceDate),
    description: present(record.Description),
    productCode,
  };
  if (milestone) {
    if (!Number.isInteger(record.Quantity) || record.Quantity < 1) {
      throw new SalesforceMappingError(
        record.Id,
        `milestone Quantity ${record.Quantity} is not a whole number of units`,
        'OpportunityLineItem',
      );
    }
    dto.quantity = record.Quantity;
  } else {
    if (!productCode) {
      throw new SalesforceMappingError(record.Id, 'time line without a product code (role)', 'OpportunityLineItem');
    }
    if (!(record.Quantity >= 0)) {
      throw new SalesforceMappingError(record.Id, `Quantity ${record.Quantity} is negative`, 'OpportunityLineItem');
    }
    dto.role = productCode.toLowerCase();
    dto.minutes = hoursToMinutes(record.Quantity);
  }
  for (const key of Object.keys(dto) as Array<keyof OpportunityLineItemDto>)
    if (dto[key] === undefined) delete dto[key];
  return dto;
}
