import { currencyIsoCodeField, defineField, SObjectDef, systemFields } from './sobject-schema';
import { LEGAL_ENTITIES } from './account.sobject';

/**
 * Salesforce's standard opportunity stages with their default probability and whether they close
 * (and win) the deal. IsClosed / IsWon are derived from the stage, exactly as in Salesforce.
 */
export const OPPORTUNITY_STAGES: ReadonlyArray<{ name: string; probability: number; closed: boolean; won: boolean }> = [
  { name: 'Prospecting', probability: 10, closed: false, won: false },
  { name: 'Qualification', probability: 10, closed: false, won: false },
  { name: 'Needs Analysis', probability: 20, closed: false, won: false },
  { name: 'Value Proposition', probability: 50, closed: false, won: false },
  { name: 'Id. Decision Makers', probability: 60, closed: false, won: false },
  { name: 'Perception Analysis', probability: 70, closed: false, won: false },
  { name: 'Proposal/Price Quote', probability: 75, closed: false, won: false },
  { name: 'Negotiation/Review', probability: 90, closed: false, won: false },
  { name: 'Closed Won', probability: 100, closed: true, won: true },
  { name: 'Closed Lost', probability: 0, closed: true, won: false },
];

export const BILLING_MODEL_VALUES: readonly string[] = ['Time_and_Materials', 'Fixed_Fee', 'Milestone', 'Retainer'];

export const opportunitySObject: SObjectDef = {
  name: 'Opportunity',
  label: 'Opportunity',
  labelPlural: 'Opportunities',
  keyPrefix: '006',
  fields: [
    ...systemFields(),
    defineField('Name', 'string', { label: 'Opportunity Name', length: 120, required: true }),
    defineField('AccountId', 'reference', {
      label: 'Account ID',
      length: 18,
      referenceTo: ['Account'],
      relationshipName: 'Account',
    }),
    defineField('StageName', 'picklist', {
      label: 'Stage',
      length: 255,
      required: true,
      picklistValues: OPPORTUNITY_STAGES.map((s) => s.name),
      restrictedPicklist: true,
    }),
    defineField('CloseDate', 'date', { label: 'Close Date', required: true }),
    defineField('Amount', 'currency', { precision: 18, scale: 2 }),
    defineField('Probability', 'percent', { label: 'Probability (%)', precision: 3, scale: 0 }),
    defineField('Type', 'picklist', {
      label: 'Opportunity Type',
      length: 255,
      picklistValues: ['New Business', 'Existing Business', 'Renewal'],
    }),
    defineField('LeadSource', 'picklist', {
      length: 255,
      picklistValues: ['Web', 'Referral', 'Partner', 'Event', 'Other'],
    }),
    defineField('Description', 'textarea', { length: 32000 }),
    defineField('IsClosed', 'boolean', { label: 'Closed', calculated: true, nillable: false }),
    defineField('IsWon', 'boolean', { label: 'Won', calculated: true, nillable: false }),
    currencyIsoCodeField(),
    defineField('External_Id__c', 'string', { length: 255, externalId: true, unique: true, label: 'External ID' }),
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
    defineField('Tax_Profile__c', 'string', { length: 80 }),
    defineField('Start_Date__c', 'date'),
    defineField('End_Date__c', 'date'),
    defineField('Budget__c', 'currency', { precision: 18, scale: 2 }),
    defineField('Project_Code__c', 'string', { length: 80 }),
  ],
  derive(record, changed) {
    const stage = OPPORTUNITY_STAGES.find((s) => s.name === record.StageName);
    record.IsClosed = stage?.closed ?? false;
    record.IsWon = stage?.won ?? false;
    // A stage change resets the probability to the stage's default unless the write sets it too.
    const stageChanged = changed.has('StageName') && !changed.has('Probability');
    if (stageChanged || record.Probability === undefined || record.Probability === null) {
      record.Probability = stage?.probability ?? null;
    }
  },
};
