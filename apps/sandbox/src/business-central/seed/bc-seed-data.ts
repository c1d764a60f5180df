/**
 * The demo firm as a Business Central environment holds it: one company per legal entity (fixed
 * ids, so mapping tables can name them), service items per role in each, a few customers,
 * employees and projects. Every record is dated January 2025.
 */
export const BC_SEED_DATE = new Date('2025-01-06T09:00:00Z');

export const BC_SEED_COMPANIES = [
  {
    id: '5f1c2b10-0001-4a6e-9c1d-000000000001',
    name: 'NORTHWIND US',
    displayName: 'Northwind Consulting Inc.',
    currency: 'USD',
    legalEntity: 'US-01',
  },
  {
    id: '5f1c2b10-0002-4a6e-9c1d-000000000002',
    name: 'NORTHWIND DE',
    displayName: 'Northwind Consulting GmbH',
    currency: 'EUR',
    legalEntity: 'DE-01',
  },
  {
    id: '5f1c2b10-0003-4a6e-9c1d-000000000003',
    name: 'NORTHWIND UK',
    displayName: 'Northwind Consulting Ltd',
    currency: 'GBP',
    legalEntity: 'UK-01',
  },
];

export const BC_SEED_ITEMS = [
  { number: 'SVC-ANALYST', displayName: 'Consulting services - Analyst', unitPrice: 120 },
  { number: 'SVC-CONSULTANT', displayName: 'Consulting services - Consultant', unitPrice: 160 },
  { number: 'SVC-SENIOR', displayName: 'Consulting services - Senior Consultant', unitPrice: 210 },
  { number: 'SVC-MANAGER', displayName: 'Consulting services - Manager', unitPrice: 260 },
  { number: 'SVC-PARTNER', displayName: 'Consulting services - Partner', unitPrice: 380 },
];

/** Per legal entity. */
export const BC_SEED_CUSTOMERS: Record<string, Array<{ displayName: string; email?: string }>> = {
  'US-01': [
    { displayName: 'Acme Manufacturing', email: 'ap@acme.example' },
    { displayName: 'Globex Logistics' },
    { displayName: 'Initech Software' },
  ],
  'DE-01': [
    { displayName: 'Bergmann Maschinenbau AG', email: 'rechnung@bergmann.example' },
    { displayName: 'Rheinland Energie GmbH' },
  ],
  'UK-01': [{ displayName: 'Thames Retail plc', email: 'payables@thames.example' }],
};

export const BC_SEED_EMPLOYEES: Record<
  string,
  Array<{ givenName: string; surname: string; jobTitle: string; email: string }>
> = {
  'US-01': [
    { givenName: 'Ada', surname: 'Hughes', jobTitle: 'Manager', email: 'ada.hughes@northwind.example' },
    { givenName: 'Ben', surname: 'Ortiz', jobTitle: 'Consultant', email: 'ben.ortiz@northwind.example' },
  ],
  'DE-01': [
    { givenName: 'Clara', surname: 'Vogel', jobTitle: 'Senior Consultant', email: 'clara.vogel@northwind.example' },
  ],
  'UK-01': [{ givenName: 'David', surname: 'Price', jobTitle: 'Analyst', email: 'david.price@northwind.example' }],
};

export const BC_SEED_PROJECTS: Record<string, string[]> = {
  'US-01': ['Acme ERP rollout'],
  'DE-01': ['Bergmann shop-floor analytics'],
  'UK-01': [],
};
