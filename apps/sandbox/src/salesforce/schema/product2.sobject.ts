import { defineField, SObjectDef, systemFields } from './sobject-schema';

/**
 * Product families of the demo org. A professional-services firm sells time by role (one product
 * per role, `ProductCode` = the role code, sold by the hour) and fixed-price milestones (one product,
 * sold by the unit).
 */
export const PRODUCT_FAMILIES: readonly string[] = ['Professional Services', 'Milestone', 'Expenses', 'Other'];

export const product2SObject: SObjectDef = {
  name: 'Product2',
  label: 'Product',
  labelPlural: 'Products',
  keyPrefix: '01t',
  fields: [
    ...systemFields(),
    defineField('Name', 'string', { label: 'Product Name', length: 255, required: true }),
    defineField('ProductCode', 'string', { label: 'Product Code', length: 255 }),
    defineField('Family', 'picklist', { label: 'Product Family', length: 255, picklistValues: PRODUCT_FAMILIES }),
    defineField('Description', 'textarea', { label: 'Product Description', length: 4000 }),
    defineField('IsActive', 'boolean', { label: 'Active', nillable: false }),
    defineField('QuantityUnitOfMeasure', 'picklist', {
      label: 'Quantity Unit Of Measure',
      length: 255,
      picklistValues: ['Hour', 'Each'],
    }),
    defineField('External_Id__c', 'string', { length: 255, externalId: true, unique: true, label: 'External ID' }),
  ],
  derive(record) {
    if (record.IsActive === undefined || record.IsActive === null) record.IsActive = false;
  },
};
