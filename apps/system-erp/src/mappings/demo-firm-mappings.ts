/**
 * The demo firm's mapping tables, as seeded (they are data: change them through the API). The
 * targets are the bundled sandboxes' seed: NetSuite subsidiaries 1-3 and service items 1-5;
 * Business Central companies and item numbers.
 */
export const DEMO_FIRM_ID = 'demo-firm';

export const DEMO_LEGAL_ENTITIES = [
  { legalEntityId: 'US-01', currency: 'USD', netsuite: '1', businessCentral: '5f1c2b10-0001-4a6e-9c1d-000000000001' },
  { legalEntityId: 'DE-01', currency: 'EUR', netsuite: '2', businessCentral: '5f1c2b10-0002-4a6e-9c1d-000000000002' },
  { legalEntityId: 'UK-01', currency: 'GBP', netsuite: '3', businessCentral: '5f1c2b10-0003-4a6e-9c1d-000000000003' },
];

/** Role -> ERP item and billing class (every demo role bills time as professional services). */
export const DEMO_ROLE_ITEMS = [
  { role: 'analyst', netsuite: '1', businessCentral: 'SVC-ANALYST', billingClass: 'professional-services' },
  { role: 'consultant', netsuite: '2', businessCentral: 'SVC-CONSULTANT', billingClass: 'professional-services' },
  { role: 'senior-consultant', netsuite: '3', businessCentral: 'SVC-SENIOR', billingClass: 'professional-services' },
  { role: 'manager', netsuite: '4', businessCentral: 'SVC-MANAGER', billingClass: 'professional-services' },
  { role: 'partner', netsuite: '5', businessCentral: 'SVC-PARTNER', billingClass: 'professional-services' },
];

/** EU member states (ISO 3166-1 alpha-2) for the intra-EU reverse charge. */
export const EU_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];

const EU_REVERSE_CHARGE_NOTE =
  'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).';
const EXPORT_NOTE_DE = 'Not taxable in Germany: place of supply is the customer’s country (§ 3a (2) UStG).';
const EXPORT_NOTE_UK = 'Outside the scope of UK VAT: place of supply is the customer’s country (VATA 1994 s7A).';

export interface DemoTaxRate {
  legalEntityId: string;
  customerCountry: string;
  effectiveFrom: string;
  effectiveTo?: string;
  rateBasisPoints: number;
  reverseCharge: boolean;
  note?: string;
}

/**
 * The demo firm's tax table (B2B professional services). US: no sales tax on services. DE: 19 % VAT,
 * 16 % in the second half of 2020, reverse charge to EU businesses, not taxable elsewhere. UK: 20 %
 * VAT, outside the scope for customers abroad.
 */
export const DEMO_TAX_RATES: DemoTaxRate[] = [
  {
    legalEntityId: 'US-01',
    customerCountry: 'US',
    effectiveFrom: '2000-01-01',
    rateBasisPoints: 0,
    reverseCharge: false,
    note: 'Professional services are not subject to sales tax.',
  },
  {
    legalEntityId: 'DE-01',
    customerCountry: 'DE',
    effectiveFrom: '2007-01-01',
    effectiveTo: '2020-06-30',
    rateBasisPoints: 1900,
    reverseCharge: false,
  },
  {
    legalEntityId: 'DE-01',
    customerCountry: 'DE',
    effectiveFrom: '2020-07-01',
    effectiveTo: '2020-12-31',
    rateBasisPoints: 1600,
    reverseCharge: false,
  },
  {
    legalEntityId: 'DE-01',
    customerCountry: 'DE',
    effectiveFrom: '2021-01-01',
    rateBasisPoints: 1900,
    reverseCharge: false,
  },
  ...EU_COUNTRIES.filter((c) => c !== 'DE').map((customerCountry) => ({
    legalEntityId: 'DE-01',
    customerCountry,
    effectiveFrom: '2010-01-01',
    rateBasisPoints: 0,
    reverseCharge: true,
    note: EU_REVERSE_CHARGE_NOTE,
  })),
  ...['GB', 'US'].map((customerCountry) => ({
    legalEntityId: 'DE-01',
    customerCountry,
    effectiveFrom: '2010-01-01',
    rateBasisPoints: 0,
    reverseCharge: false,
    note: EXPORT_NOTE_DE,
  })),
  {
    legalEntityId: 'UK-01',
    customerCountry: 'GB',
    effectiveFrom: '2011-01-04',
    rateBasisPoints: 2000,
    reverseCharge: false,
  },
  ...[...EU_COUNTRIES, 'US'].map((customerCountry) => ({
    legalEntityId: 'UK-01',
    customerCountry,
    effectiveFrom: '2021-01-01',
    rateBasisPoints: 0,
    reverseCharge: false,
    note: EXPORT_NOTE_UK,
  })),
];
