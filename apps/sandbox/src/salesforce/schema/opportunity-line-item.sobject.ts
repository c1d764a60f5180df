import { SalesforceApiError } from '../common/salesforce-api.error';
import { currencyIsoCodeField, defineField, SObjectDef, systemFields } from './sobject-schema';

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * A product on an opportunity. As in Salesforce: the opportunity is fixed once set (not updateable),
 * the line's currency is its opportunity's (read-only), and a write gives either `UnitPrice` or
 * `TotalPrice`, never both; the other is derived (`TotalPrice = Quantity x UnitPrice`, rounded to
 * cents). The sandbox references `Product2Id` directly (API v38+); price books and
 * `PricebookEntryId` are not emulated.
 */
export const opportunityLineItemSObject: SObjectDef = {
  name: 'OpportunityLineItem',
  label: 'Opportunity Product',
  labelPlural: 'Opportunity Product',
  keyPrefix: '00k',
  fields: [
    ...systemFields(),
    defineField('OpportunityId', 'reference', {
      label: 'Opportunity ID',
      length: 18,
      required: true,
      updateable: false,
      referenceTo: ['Opportunity'],
      relationshipName: 'Opportunity',
    }),
    defineField('Product2Id', 'reference', {
      label: 'Product ID',
      length: 18,
      required: true,
      updateable: false,
      referenceTo: ['Product2'],
      relationshipName: 'Product2',
    }),
    defineField('Quantity', 'double', { precision: 12, scale: 2, required: true }),
    defineField('UnitPrice', 'currency', { label: 'Sales Price', precision: 18, scale: 2 }),
    defineField('TotalPrice', 'currency', { label: 'Total Price', precision: 18, scale: 2 }),
    defineField('ServiceDate', 'date', { label: 'Date' }),
    defineField('Description', 'string', { label: 'Line Description', length: 255 }),
    defineField('SortOrder', 'int', { label: 'Sort Order', precision: 9, scale: 0 }),
    { ...currencyIsoCodeField(), createable: false, updateable: false },
    defineField('External_Id__c', 'string', { length: 255, externalId: true, unique: true, label: 'External ID' }),
  ],
  derive(record, changed) {
    const unitGiven = changed.has('UnitPrice') && given(record.UnitPrice);
    const totalGiven = changed.has('TotalPrice') && given(record.TotalPrice);
    if (unitGiven && totalGiven) {
      throw SalesforceApiError.dml(
        'FIELD_INTEGRITY_EXCEPTION',
        'field integrity exception: TotalPrice (cannot specify both unit price and total price)',
        ['TotalPrice'],
      );
    }
    const quantity = Number(record.Quantity);
    if (totalGiven) {
      if (quantity === 0) {
        throw SalesforceApiError.dml('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception: Quantity (zero)', [
          'Quantity',
        ]);
      }
      record.UnitPrice = cents(Number(record.TotalPrice) / quantity);
      return;
    }
    if (!given(record.UnitPrice)) {
      throw SalesforceApiError.dml('REQUIRED_FIELD_MISSING', 'Required fields are missing: [UnitPrice]', ['UnitPrice']);
    }
    if (unitGiven || changed.has('Quantity') || !given(record.TotalPrice)) {
      record.TotalPrice = cents(Number(record.UnitPrice) * quantity);
    }
  },
};
