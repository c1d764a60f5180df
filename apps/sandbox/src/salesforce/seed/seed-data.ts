/**
 * The demo firm's CRM: ten accounts across three legal entities (US-01 in USD, DE-01 in EUR,
 * UK-01 in GBP) and thirty opportunities, some closed won. Fixed values and fixed timestamps
 * (all in the past) so every reset yields the same records, with the same ids.
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

const US = { Legal_Entity__c: 'US-01', CurrencyIsoCode: 'USD', Billing_Country__c: 'US', BillingCountry: 'United States' };
const DE = { Legal_Entity__c: 'DE-01', CurrencyIsoCode: 'EUR', Billing_Country__c: 'DE', BillingCountry: 'Germany' };
const UK = { Legal_Entity__c: 'UK-01', CurrencyIsoCode: 'GBP', Billing_Country__c: 'GB', BillingCountry: 'United Kingdom' };

export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  { External_Id__c: 'ACC-0001', Name: 'Acme Analytics Inc.', Type: 'Customer - Direct', Industry: 'Technology', BillingCity: 'Boston', Website: 'https://acme-analytics.example', ...US },
  { External_Id__c: 'ACC-0002', Name: 'Blue Harbor Logistics LLC', Type: 'Customer - Direct', Industry: 'Retail', BillingCity: 'Seattle', Website: 'https://blueharbor.example', ...US },
  { External_Id__c: 'ACC-0003', Name: 'Cedar Health Partners', Type: 'Prospect', Industry: 'Healthcare', BillingCity: 'Denver', Website: 'https://cedarhealth.example', ...US },
  { External_Id__c: 'ACC-0004', Name: 'Summit Retail Group', Type: 'Customer - Channel', Industry: 'Retail', BillingCity: 'Chicago', Website: 'https://summitretail.example', ...US },
  { External_Id__c: 'ACC-0005', Name: 'Kranich Maschinenbau GmbH', Type: 'Customer - Direct', Industry: 'Manufacturing', BillingCity: 'Stuttgart', Website: 'https://kranich.example', ...DE },
  { External_Id__c: 'ACC-0006', Name: 'Nordlicht Energie AG', Type: 'Customer - Direct', Industry: 'Energy', BillingCity: 'Hamburg', Website: 'https://nordlicht.example', ...DE },
  { External_Id__c: 'ACC-0007', Name: 'Rheinwerk Software GmbH', Type: 'Prospect', Industry: 'Technology', BillingCity: 'Cologne', Website: 'https://rheinwerk.example', ...DE },
  { External_Id__c: 'ACC-0008', Name: 'Thames Capital Advisors Ltd', Type: 'Customer - Direct', Industry: 'Banking', BillingCity: 'London', Website: 'https://thamescapital.example', ...UK },
  { External_Id__c: 'ACC-0009', Name: 'Highland Distillers plc', Type: 'Customer - Direct', Industry: 'Manufacturing', BillingCity: 'Edinburgh', Website: 'https://highland.example', ...UK },
  { External_Id__c: 'ACC-0010', Name: 'Albion Media Group Ltd', Type: 'Partner', Industry: 'Media', BillingCity: 'Manchester', Website: 'https://albionmedia.example', ...UK },
];

export const SEED_OPPORTUNITIES: readonly SeedOpportunity[] = [
  { External_Id__c: 'OPP-0001', account: 'ACC-0001', Name: 'Acme - Data platform rollout', StageName: 'Closed Won', Amount: 185000, CloseDate: '2025-01-31', Billing_Model__c: 'Time_and_Materials', Start_Date__c: '2025-02-03', End_Date__c: '2025-07-31', Budget__c: 185000, Type: 'New Business' },
  { External_Id__c: 'OPP-0002', account: 'ACC-0001', Name: 'Acme - Analytics retainer 2025', StageName: 'Closed Won', Amount: 96000, CloseDate: '2025-02-14', Billing_Model__c: 'Retainer', Start_Date__c: '2025-03-01', End_Date__c: '2026-02-28', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0003', account: 'ACC-0001', Name: 'Acme - ML readiness assessment', StageName: 'Proposal/Price Quote', Amount: 42500.5, CloseDate: '2025-06-30', Billing_Model__c: 'Fixed_Fee', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0004', account: 'ACC-0002', Name: 'Blue Harbor - WMS integration', StageName: 'Closed Won', Amount: 128750.25, CloseDate: '2025-03-07', Billing_Model__c: 'Milestone', Start_Date__c: '2025-03-17', End_Date__c: '2025-09-30', Budget__c: 128750.25, Type: 'New Business' },
  { External_Id__c: 'OPP-0005', account: 'ACC-0002', Name: 'Blue Harbor - Fleet analytics', StageName: 'Negotiation/Review', Amount: 64000, CloseDate: '2025-05-15', Billing_Model__c: 'Time_and_Materials', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0006', account: 'ACC-0002', Name: 'Blue Harbor - Support desk', StageName: 'Closed Lost', Amount: 18000, CloseDate: '2025-02-28', Billing_Model__c: 'Retainer', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0007', account: 'ACC-0003', Name: 'Cedar - Patient portal discovery', StageName: 'Qualification', Amount: 25000, CloseDate: '2025-07-31', Billing_Model__c: 'Fixed_Fee', Type: 'New Business' },
  { External_Id__c: 'OPP-0008', account: 'ACC-0003', Name: 'Cedar - HIPAA compliance review', StageName: 'Prospecting', Amount: null, CloseDate: '2025-09-30', Billing_Model__c: null, Type: 'New Business' },
  { External_Id__c: 'OPP-0009', account: 'ACC-0003', Name: 'Cedar - Cloud migration', StageName: 'Needs Analysis', Amount: 210000, CloseDate: '2025-10-31', Billing_Model__c: 'Time_and_Materials', Type: 'New Business' },
  { External_Id__c: 'OPP-0010', account: 'ACC-0004', Name: 'Summit - POS modernisation', StageName: 'Closed Won', Amount: 312400, CloseDate: '2025-01-20', Billing_Model__c: 'Milestone', Start_Date__c: '2025-02-01', End_Date__c: '2025-12-19', Budget__c: 312400, Type: 'New Business' },
  { External_Id__c: 'OPP-0011', account: 'ACC-0004', Name: 'Summit - Loyalty app', StageName: 'Value Proposition', Amount: 88000, CloseDate: '2025-06-13', Billing_Model__c: 'Fixed_Fee', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0012', account: 'ACC-0004', Name: 'Summit - Store analytics', StageName: 'Closed Lost', Amount: 47000, CloseDate: '2025-03-21', Billing_Model__c: 'Time_and_Materials', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0013', account: 'ACC-0005', Name: 'Kranich - SAP S/4 Einführung', StageName: 'Closed Won', Amount: 240000, CloseDate: '2025-02-21', Billing_Model__c: 'Time_and_Materials', Start_Date__c: '2025-03-03', End_Date__c: '2025-11-28', Budget__c: 240000, Type: 'New Business' },
  { External_Id__c: 'OPP-0014', account: 'ACC-0005', Name: 'Kranich - IoT Werkhalle', StageName: 'Id. Decision Makers', Amount: 76500, CloseDate: '2025-08-29', Billing_Model__c: 'Milestone', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0015', account: 'ACC-0005', Name: 'Kranich - Wartungsvertrag', StageName: 'Prospecting', Amount: 12000, CloseDate: '2025-09-15', Billing_Model__c: 'Retainer', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0016', account: 'ACC-0006', Name: 'Nordlicht - Smart metering', StageName: 'Closed Won', Amount: 154300.75, CloseDate: '2025-03-14', Billing_Model__c: 'Fixed_Fee', Start_Date__c: '2025-04-01', End_Date__c: '2025-10-31', Budget__c: 154300.75, Type: 'New Business' },
  { External_Id__c: 'OPP-0017', account: 'ACC-0006', Name: 'Nordlicht - Grid forecasting', StageName: 'Perception Analysis', Amount: 99000, CloseDate: '2025-07-18', Billing_Model__c: 'Time_and_Materials', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0018', account: 'ACC-0006', Name: 'Nordlicht - Trading desk audit', StageName: 'Closed Lost', Amount: 35000, CloseDate: '2025-01-24', Billing_Model__c: 'Fixed_Fee', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0019', account: 'ACC-0007', Name: 'Rheinwerk - Platform re-architecture', StageName: 'Qualification', Amount: 130000, CloseDate: '2025-11-28', Billing_Model__c: 'Time_and_Materials', Type: 'New Business' },
  { External_Id__c: 'OPP-0020', account: 'ACC-0007', Name: 'Rheinwerk - DevOps coaching', StageName: 'Proposal/Price Quote', Amount: 28800, CloseDate: '2025-05-30', Billing_Model__c: 'Retainer', Type: 'New Business' },
  { External_Id__c: 'OPP-0021', account: 'ACC-0007', Name: 'Rheinwerk - Security pen test', StageName: 'Closed Won', Amount: 19500, CloseDate: '2025-02-07', Billing_Model__c: 'Fixed_Fee', Start_Date__c: '2025-02-17', End_Date__c: '2025-03-14', Type: 'New Business' },
  { External_Id__c: 'OPP-0022', account: 'ACC-0008', Name: 'Thames - Risk engine build', StageName: 'Closed Won', Amount: 275000, CloseDate: '2025-01-17', Billing_Model__c: 'Milestone', Start_Date__c: '2025-02-03', End_Date__c: '2025-12-12', Budget__c: 275000, Type: 'New Business' },
  { External_Id__c: 'OPP-0023', account: 'ACC-0008', Name: 'Thames - Regulatory reporting', StageName: 'Negotiation/Review', Amount: 145000, CloseDate: '2025-04-30', Billing_Model__c: 'Time_and_Materials', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0024', account: 'ACC-0008', Name: 'Thames - Advisory retainer', StageName: 'Prospecting', Amount: 60000, CloseDate: '2025-12-31', Billing_Model__c: 'Retainer', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0025', account: 'ACC-0009', Name: 'Highland - ERP upgrade', StageName: 'Closed Lost', Amount: 112000, CloseDate: '2025-02-28', Billing_Model__c: 'Time_and_Materials', Type: 'New Business' },
  { External_Id__c: 'OPP-0026', account: 'ACC-0009', Name: 'Highland - Supply chain twin', StageName: 'Needs Analysis', Amount: 86000, CloseDate: '2025-08-15', Billing_Model__c: 'Milestone', Type: 'New Business' },
  { External_Id__c: 'OPP-0027', account: 'ACC-0009', Name: 'Highland - E-commerce relaunch', StageName: 'Closed Won', Amount: 67250.5, CloseDate: '2025-03-28', Billing_Model__c: 'Fixed_Fee', Start_Date__c: '2025-04-07', End_Date__c: '2025-08-29', Type: 'New Business' },
  { External_Id__c: 'OPP-0028', account: 'ACC-0010', Name: 'Albion - Content platform', StageName: 'Value Proposition', Amount: 73000, CloseDate: '2025-06-27', Billing_Model__c: 'Time_and_Materials', Type: 'New Business' },
  { External_Id__c: 'OPP-0029', account: 'ACC-0010', Name: 'Albion - Audience analytics', StageName: 'Qualification', Amount: 41000, CloseDate: '2025-07-25', Billing_Model__c: 'Fixed_Fee', Type: 'Existing Business' },
  { External_Id__c: 'OPP-0030', account: 'ACC-0010', Name: 'Albion - Managed services', StageName: 'Prospecting', Amount: 36000, CloseDate: '2025-10-31', Billing_Model__c: 'Retainer', Type: 'Existing Business' },
];

/** Rate card and tax profile each legal entity uses for its deals. */
export const SEED_TERMS_BY_ENTITY: Record<string, { Rate_Card__c: string; Tax_Profile__c: string }> = {
  'US-01': { Rate_Card__c: 'RC-US-STD-2025', Tax_Profile__c: 'US-SERVICES' },
  'DE-01': { Rate_Card__c: 'RC-DE-STD-2025', Tax_Profile__c: 'DE-VAT-19' },
  'UK-01': { Rate_Card__c: 'RC-UK-STD-2025', Tax_Profile__c: 'UK-VAT-20' },
};
