import { currencyIsoCodeField, defineField, SObjectDef, systemFields } from './sobject-schema';

/** Legal entities of the demo firm; `Legal_Entity__c` is a restricted picklist of these codes. */
export const LEGAL_ENTITIES: readonly string[] = ['US-01', 'DE-01', 'UK-01'];

export const accountSObject: SObjectDef = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: '001',
  fields: [
    ...systemFields(),
    defineField('Name', 'string', { label: 'Account Name', length: 255, required: true }),
    defineField('Type', 'picklist', {
      label: 'Account Type',
      length: 255,
      picklistValues: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'],
    }),
    defineField('Industry', 'picklist', {
      length: 255,
      picklistValues: [
        'Banking',
        'Consulting',
        'Education',
        'Energy',
        'Healthcare',
        'Manufacturing',
        'Media',
        'Retail',
        'Technology',
        'Other',
      ],
    }),
    defineField('Website', 'url', { length: 255 }),
    defineField('Phone', 'phone', { length: 40, label: 'Account Phone' }),
    defineField('BillingStreet', 'textarea', { length: 255 }),
    defineField('BillingCity', 'string', { length: 40 }),
    defineField('BillingPostalCode', 'string', { length: 20 }),
    defineField('BillingCountry', 'string', { length: 80 }),
    currencyIsoCodeField(),
    defineField('External_Id__c', 'string', { length: 255, externalId: true, unique: true, label: 'External ID' }),
    defineField('Billing_Country__c', 'string', { length: 2, label: 'Billing Country (ISO)' }),
    defineField('Legal_Entity__c', 'picklist', {
      length: 255,
      picklistValues: LEGAL_ENTITIES,
      restrictedPicklist: true,
    }),
    defineField('Payment_Terms_Days__c', 'int', { label: 'Payment Terms (days)', precision: 3, scale: 0 }),
  ],
};
