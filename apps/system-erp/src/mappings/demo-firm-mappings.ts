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

export const DEMO_ROLE_ITEMS = [
  { role: 'analyst', netsuite: '1', businessCentral: 'SVC-ANALYST' },
  { role: 'consultant', netsuite: '2', businessCentral: 'SVC-CONSULTANT' },
  { role: 'senior-consultant', netsuite: '3', businessCentral: 'SVC-SENIOR' },
  { role: 'manager', netsuite: '4', businessCentral: 'SVC-MANAGER' },
  { role: 'partner', netsuite: '5', businessCentral: 'SVC-PARTNER' },
];
