/**
 * The demo firm as a NetSuite account holds it: three subsidiaries (US-01 USD, DE-01 EUR, UK-01 GBP),
 * service items per role, customers, projects, employees, time and two invoices. Every record is
 * created in January 2025 so a change feed started "now" sees none of it.
 */
export const SEED_CREATED_DATE = new Date('2025-01-06T09:00:00Z');

export const SEED_CURRENCIES = [
  { name: 'US Dollar', symbol: 'USD' },
  { name: 'Euro', symbol: 'EUR' },
  { name: 'British pound', symbol: 'GBP' },
];

/** Subsidiary internal ids 1..3 in this order; `currency` is the index above + 1. */
export const SEED_SUBSIDIARIES = [
  { name: 'Northwind Consulting Inc.', country: 'US', currency: { id: '1' }, externalId: 'US-01' },
  { name: 'Northwind Consulting GmbH', country: 'DE', currency: { id: '2' }, externalId: 'DE-01' },
  { name: 'Northwind Consulting Ltd', country: 'GB', currency: { id: '3' }, externalId: 'UK-01' },
];

/** Service items 1..5 (own id family): what time is billed as, per role. */
export const SEED_SERVICE_ITEMS = [
  { externalId: 'SVC-ANALYST', itemId: 'SVC-ANALYST', displayName: 'Consulting services - Analyst', rate: 120 },
  {
    externalId: 'SVC-CONSULTANT',
    itemId: 'SVC-CONSULTANT',
    displayName: 'Consulting services - Consultant',
    rate: 160,
  },
  { externalId: 'SVC-SENIOR', itemId: 'SVC-SENIOR', displayName: 'Consulting services - Senior Consultant', rate: 210 },
  { externalId: 'SVC-MANAGER', itemId: 'SVC-MANAGER', displayName: 'Consulting services - Manager', rate: 260 },
  { externalId: 'SVC-PARTNER', itemId: 'SVC-PARTNER', displayName: 'Consulting services - Partner', rate: 380 },
];

export const SEED_CUSTOMERS = [
  { externalId: 'ACC-0001', companyName: 'Acme Manufacturing', subsidiary: { id: '1' }, email: 'ap@acme.example' },
  {
    externalId: 'ACC-0002',
    companyName: 'Globex Logistics',
    subsidiary: { id: '1' },
    email: 'invoices@globex.example',
  },
  { externalId: 'ACC-0003', companyName: 'Initech Software', subsidiary: { id: '1' } },
  {
    externalId: 'ACC-0004',
    companyName: 'Bergmann Maschinenbau AG',
    subsidiary: { id: '2' },
    email: 'rechnung@bergmann.example',
  },
  { externalId: 'ACC-0005', companyName: 'Rheinland Energie GmbH', subsidiary: { id: '2' } },
  {
    externalId: 'ACC-0006',
    companyName: 'Thames Retail plc',
    subsidiary: { id: '3' },
    email: 'payables@thames.example',
  },
];

export const SEED_EMPLOYEES = [
  {
    externalId: 'WRK-0001',
    firstName: 'Ada',
    lastName: 'Hughes',
    email: 'ada.hughes@northwind.example',
    title: 'Manager',
    subsidiary: { id: '1' },
  },
  {
    externalId: 'WRK-0002',
    firstName: 'Ben',
    lastName: 'Ortiz',
    email: 'ben.ortiz@northwind.example',
    title: 'Consultant',
    subsidiary: { id: '1' },
  },
  {
    externalId: 'WRK-0003',
    firstName: 'Clara',
    lastName: 'Vogel',
    email: 'clara.vogel@northwind.example',
    title: 'Senior Consultant',
    subsidiary: { id: '2' },
  },
  {
    externalId: 'WRK-0004',
    firstName: 'David',
    lastName: 'Price',
    email: 'david.price@northwind.example',
    title: 'Analyst',
    subsidiary: { id: '3' },
  },
];

/** Projects: `parent` is a customer's external id. */
export const SEED_PROJECTS = [
  { externalId: 'PRJ-0001', companyName: 'Acme ERP rollout', parent: 'ACC-0001', startDate: '2025-01-06' },
  { externalId: 'PRJ-0002', companyName: 'Bergmann shop-floor analytics', parent: 'ACC-0004', startDate: '2025-01-13' },
];
