import { demoFirm, DemoFirm } from '../../common/demo-firm';

/**
 * The demo firm's CRM, from the shared generator (src/common/demo-firm): 40 accounts across three
 * legal entities (US-01 in USD, DE-01 in EUR, UK-01 in GBP) and 120 opportunities, 30 of them Closed
 * Won, in Salesforce's field names. Fixed values and fixed timestamps (all in the past) so every
 * reset yields the same records, with the same ids.
 */
export interface SeedAccount {
  External_Id__c: string;
  Name: string;
  Type: string;
  Industry: string;
  Legal_Entity__c: string;
  CurrencyIsoCode: string;
  Billing_Country__c: string;
  BillingCountry: string;
  BillingCity: string;
  Website: string;
}

export interface SeedOpportunity {
  External_Id__c: string;
  /** External id of the account. */
  account: string;
  Name: string;
  StageName: string;
  Amount: number | null;
  CloseDate: string;
  Billing_Model__c: string | null;
  Start_Date__c?: string;
  End_Date__c?: string;
  Budget__c?: number;
  Type?: string;
}

export const SEED_CREATED_DATE = new Date('2025-01-06T09:00:00.000Z');

/** Major units from minor units (Salesforce currency fields are decimals). */
const major = (minor: number | null) => (minor === null ? null : minor / 100);

export function seedAccounts(firm: DemoFirm): SeedAccount[] {
  return firm.customers.map((c) => ({
    External_Id__c: c.id,
    Name: c.name,
    Type: c.type,
    Industry: c.industry,
    Legal_Entity__c: c.legalEntity,
    CurrencyIsoCode: c.currency,
    Billing_Country__c: c.billingCountry,
    BillingCountry: c.billingCountryName,
    BillingCity: c.billingCity,
    Website: c.website,
  }));
}

export function seedOpportunities(firm: DemoFirm): SeedOpportunity[] {
  return firm.opportunities.map((o) => ({
    External_Id__c: o.id,
    account: o.accountId,
    Name: o.name,
    StageName: o.stage,
    Amount: major(o.amountMinor),
    CloseDate: o.closeDate,
    Billing_Model__c: o.billingModel,
    ...(o.startDate ? { Start_Date__c: o.startDate } : {}),
    ...(o.endDate ? { End_Date__c: o.endDate } : {}),
    ...(o.budgetMinor !== null ? { Budget__c: major(o.budgetMinor)! } : {}),
    Type: o.type,
  }));
}

export const SEED_ACCOUNTS: readonly SeedAccount[] = seedAccounts(demoFirm());
export const SEED_OPPORTUNITIES: readonly SeedOpportunity[] = seedOpportunities(demoFirm());

/** Rate card and tax profile each legal entity uses for its deals. */
export const SEED_TERMS_BY_ENTITY: Record<string, { Rate_Card__c: string; Tax_Profile__c: string }> =
  Object.fromEntries(
    demoFirm().legalEntities.map((le) => [le.id, { Rate_Card__c: le.rateCardId, Tax_Profile__c: le.taxProfile }]),
  );
