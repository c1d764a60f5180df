/**
 * The demo firm's fixed reference data: legal entities, billable roles, job profiles and the
 * standard rate cards. The ids are the ones the system APIs' demo mapping tables target
 * (apps/system-erp/src/mappings/demo-firm-mappings.ts, system-hris job profile roles).
 */
export type DemoCurrency = 'USD' | 'EUR' | 'GBP';
export type DemoRole = 'analyst' | 'consultant' | 'senior-consultant' | 'manager' | 'partner';

export interface DemoLegalEntity {
  id: 'US-01' | 'DE-01' | 'UK-01';
  currency: DemoCurrency;
  /** ISO 3166 alpha-2 (Stripe, NetSuite, Salesforce `Billing_Country__c`). */
  country: 'US' | 'DE' | 'GB';
  countryName: string;
  /** Workday's legal entity name. */
  name: string;
  /** ERP company name (NetSuite subsidiary, Business Central company). */
  erpName: string;
  netsuiteSubsidiaryId: string;
  netsuiteCurrencyId: string;
  businessCentralCompanyId: string;
  businessCentralCompanyName: string;
  rateCardId: string;
  taxProfile: string;
}

export const DEMO_LEGAL_ENTITIES: readonly DemoLegalEntity[] = [
  {
    id: 'US-01',
    currency: 'USD',
    country: 'US',
    countryName: 'United States',
    name: 'Demo Firm Inc.',
    erpName: 'Northwind Consulting Inc.',
    netsuiteSubsidiaryId: '1',
    netsuiteCurrencyId: '1',
    businessCentralCompanyId: '5f1c2b10-0001-4a6e-9c1d-000000000001',
    businessCentralCompanyName: 'NORTHWIND US',
    rateCardId: 'RC-US-STD-2025',
    taxProfile: 'US-SERVICES',
  },
  {
    id: 'DE-01',
    currency: 'EUR',
    country: 'DE',
    countryName: 'Germany',
    name: 'Demo Firm GmbH',
    erpName: 'Northwind Consulting GmbH',
    netsuiteSubsidiaryId: '2',
    netsuiteCurrencyId: '2',
    businessCentralCompanyId: '5f1c2b10-0002-4a6e-9c1d-000000000002',
    businessCentralCompanyName: 'NORTHWIND DE',
    rateCardId: 'RC-DE-STD-2025',
    taxProfile: 'DE-VAT-19',
  },
  {
    id: 'UK-01',
    currency: 'GBP',
    country: 'GB',
    countryName: 'United Kingdom',
    name: 'Demo Firm Ltd',
    erpName: 'Northwind Consulting Ltd',
    netsuiteSubsidiaryId: '3',
    netsuiteCurrencyId: '3',
    businessCentralCompanyId: '5f1c2b10-0003-4a6e-9c1d-000000000003',
    businessCentralCompanyName: 'NORTHWIND UK',
    rateCardId: 'RC-UK-STD-2025',
    taxProfile: 'UK-VAT-20',
  },
];

export const LEGAL_ENTITY_BY_ID: Readonly<Record<string, DemoLegalEntity>> = Object.fromEntries(
  DEMO_LEGAL_ENTITIES.map((e) => [e.id, e]),
);

export interface DemoRoleDefinition {
  key: DemoRole;
  name: string;
  /** NetSuite service item internal id and external id / Business Central item number. */
  netsuiteItemId: string;
  itemNumber: string;
  itemName: string;
  /** ERP list price (major units). */
  itemListPrice: number;
}

/** Billable roles, cheapest first: NetSuite service items 1..5 in this order. */
export const DEMO_ROLES: readonly DemoRoleDefinition[] = [
  {
    key: 'analyst',
    name: 'Analyst',
    netsuiteItemId: '1',
    itemNumber: 'SVC-ANALYST',
    itemName: 'Consulting services - Analyst',
    itemListPrice: 120,
  },
  {
    key: 'consultant',
    name: 'Consultant',
    netsuiteItemId: '2',
    itemNumber: 'SVC-CONSULTANT',
    itemName: 'Consulting services - Consultant',
    itemListPrice: 160,
  },
  {
    key: 'senior-consultant',
    name: 'Senior Consultant',
    netsuiteItemId: '3',
    itemNumber: 'SVC-SENIOR',
    itemName: 'Consulting services - Senior Consultant',
    itemListPrice: 210,
  },
  {
    key: 'manager',
    name: 'Manager',
    netsuiteItemId: '4',
    itemNumber: 'SVC-MANAGER',
    itemName: 'Consulting services - Manager',
    itemListPrice: 260,
  },
  {
    key: 'partner',
    name: 'Partner',
    netsuiteItemId: '5',
    itemNumber: 'SVC-PARTNER',
    itemName: 'Consulting services - Partner',
    itemListPrice: 380,
  },
];

/** Workday job profile -> the billable role it staffs projects as (and is billed as). */
export const DEMO_JOB_PROFILE_BILLING_ROLE: Readonly<Record<string, DemoRole>> = {
  'Managing Partner': 'partner',
  Partner: 'partner',
  Director: 'manager',
  'Senior Manager': 'manager',
  Manager: 'manager',
  'Solution Architect': 'senior-consultant',
  'Senior Consultant': 'senior-consultant',
  Consultant: 'consultant',
  'Software Engineer': 'consultant',
  Analyst: 'analyst',
  'Project Coordinator': 'analyst',
};

/** Hourly bill rates (minor units) of the first rate card version, per currency and role. */
export const DEMO_BASE_RATES: Readonly<Record<DemoCurrency, Readonly<Record<DemoRole, number>>>> = {
  USD: { analyst: 12500, consultant: 19500, 'senior-consultant': 27500, manager: 33500, partner: 42500 },
  EUR: { analyst: 11500, consultant: 18000, 'senior-consultant': 25000, manager: 31000, partner: 39000 },
  GBP: { analyst: 10000, consultant: 15500, 'senior-consultant': 22000, manager: 27000, partner: 34000 },
};

/** The two effective-dated versions of every rate card: the second raises every rate by 5 %. */
export const DEMO_RATE_CARD_VERSIONS: ReadonlyArray<{ effectiveDate: string; percent: number }> = [
  { effectiveDate: '2025-01-01', percent: 100 },
  { effectiveDate: '2025-07-01', percent: 105 },
];
