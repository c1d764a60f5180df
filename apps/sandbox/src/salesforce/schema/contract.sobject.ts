import { LEGAL_ENTITIES } from './account.sobject';
import { BILLING_MODEL_VALUES } from './opportunity.sobject';
import { currencyIsoCodeField, defineField, SObjectDef, systemFields } from './sobject-schema';

/**
 * Contract statuses of the demo org. Salesforce ships Draft, In Approval Process and Activated; an
 * admin adds values within its status categories (Draft, Activated, Expired): the demo org adds
 * Suspended, Completed and Terminated.
 */
export const CONTRACT_STATUSES: readonly string[] = [
  'Draft',
  'In Approval Process',
  'Activated',
  'Suspended',
  'Completed',
  'Terminated',
];

export const RETAINER_PERIODS: readonly string[] = ['Monthly', 'Quarterly', 'Annual'];

/** `StartDate` + `ContractTerm` months - 1 day (Salesforce's derived EndDate), or null. */
export function contractEndDate(startDate: unknown, termMonths: unknown): string | null {
  if (typeof startDate !== 'string' || typeof termMonths !== 'number') return null;
  const [y, m, d] = startDate.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + termMonths, d));
  // A start on the 31st in a shorter target month ends on that month's last day, like Salesforce.
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * Contract: the agreement with an account. `AccountId`, `Status` required; `EndDate` is derived from
 * `StartDate` and `ContractTerm` (months) and is read-only, as in Salesforce. The custom fields carry
 * what the product needs to bill (billing model, rate card, legal entity, payment terms, value,
 * retainer terms) and the opportunity it was won from.
 */
export const contractSObject: SObjectDef = {
  name: 'Contract',
  label: 'Contract',
  labelPlural: 'Contracts',
  keyPrefix: '800',
  fields: [
    ...systemFields(),
    defineField('AccountId', 'reference', {
      label: 'Account ID',
      length: 18,
      required: true,
      referenceTo: ['Account'],
      relationshipName: 'Account',
    }),
    defineField('Name', 'string', { label: 'Contract Name', length: 80 }),
    defineField('Status', 'picklist', {
      length: 40,
      required: true,
      picklistValues: CONTRACT_STATUSES,
      restrictedPicklist: true,
    }),
    defineField('StartDate', 'date', { label: 'Contract Start Date' }),
    defineField('ContractTerm', 'int', { label: 'Contract Term (months)', precision: 4, scale: 0 }),
    defineField('EndDate', 'date', { label: 'Contract End Date', calculated: true }),
    defineField('Description', 'textarea', { length: 32000 }),
    currencyIsoCodeField(),
    defineField('External_Id__c', 'string', { length: 255, externalId: true, unique: true, label: 'External ID' }),
    defineField('Opportunity__c', 'reference', {
      label: 'Opportunity',
      length: 18,
      referenceTo: ['Opportunity'],
      relationshipName: 'Opportunity__r',
    }),
    defineField('Legal_Entity__c', 'picklist', {
      length: 255,
      picklistValues: LEGAL_ENTITIES,
      restrictedPicklist: true,
    }),
    defineField('Billing_Model__c', 'picklist', {
      length: 255,
      picklistValues: BILLING_MODEL_VALUES,
      restrictedPicklist: true,
    }),
    defineField('Rate_Card__c', 'string', { length: 80 }),
    defineField('Payment_Terms_Days__c', 'int', { label: 'Payment Terms (days)', precision: 3, scale: 0 }),
    defineField('Total_Value__c', 'currency', { label: 'Total Value', precision: 18, scale: 2 }),
    defineField('Retainer_Fee__c', 'currency', { label: 'Retainer Fee', precision: 18, scale: 2 }),
    defineField('Retainer_Period__c', 'picklist', {
      length: 40,
      picklistValues: RETAINER_PERIODS,
      restrictedPicklist: true,
    }),
    defineField('Retainer_Included_Hours__c', 'double', {
      label: 'Retainer Included Hours',
      precision: 8,
      scale: 2,
    }),
  ],
  derive(record) {
    record.EndDate = contractEndDate(record.StartDate, record.ContractTerm);
  },
};
