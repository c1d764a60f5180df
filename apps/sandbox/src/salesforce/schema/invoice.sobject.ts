import { currencyIsoCodeField, defineField, SObjectDef, systemFields } from './sobject-schema';

/** Payment states of an invoice as the demo org's account team sees them. */
export const INVOICE_STATUSES: readonly string[] = ['Draft', 'Open', 'Partially Paid', 'Paid', 'Overdue', 'Voided'];

/**
 * Invoice__c: a custom object of the demo org (key prefix a0I) holding each invoice the firm issued
 * to an account, with its payment state, so the account team sees what is paid without the billing
 * platform. Written by the integration only, by upsert on `External_Id__c` (the canonical invoice id).
 */
export const invoiceSObject: SObjectDef = {
  name: 'Invoice__c',
  label: 'Invoice',
  labelPlural: 'Invoices',
  keyPrefix: 'a0I',
  fields: [
    ...systemFields(),
    defineField('Name', 'string', { label: 'Invoice Number', length: 80 }),
    defineField('External_Id__c', 'string', { length: 255, externalId: true, unique: true, label: 'External ID' }),
    defineField('Account__c', 'reference', {
      label: 'Account',
      length: 18,
      required: true,
      referenceTo: ['Account'],
      relationshipName: 'Account__r',
    }),
    defineField('Opportunity__c', 'reference', {
      label: 'Opportunity',
      length: 18,
      referenceTo: ['Opportunity'],
      relationshipName: 'Opportunity__r',
    }),
    defineField('Contract__c', 'reference', {
      label: 'Contract',
      length: 18,
      referenceTo: ['Contract'],
      relationshipName: 'Contract__r',
    }),
    defineField('Project_Code__c', 'string', { label: 'Project Code', length: 80 }),
    currencyIsoCodeField(),
    defineField('Status__c', 'picklist', {
      label: 'Status',
      length: 40,
      required: true,
      picklistValues: INVOICE_STATUSES,
      restrictedPicklist: true,
    }),
    defineField('Amount__c', 'currency', { label: 'Amount', precision: 18, scale: 2 }),
    defineField('Amount_Paid__c', 'currency', { label: 'Amount Paid', precision: 18, scale: 2 }),
    defineField('Amount_Remaining__c', 'currency', { label: 'Amount Remaining', precision: 18, scale: 2 }),
    defineField('Invoice_Date__c', 'date', { label: 'Invoice Date' }),
    defineField('Due_Date__c', 'date', { label: 'Due Date' }),
    defineField('Paid_Date__c', 'date', { label: 'Paid Date' }),
  ],
};
