/**
 * Where else an object lives: lowercase system name -> that system's id.
 * `{ "salesforce": "0015e00000AbCdE", "netsuite": "1187", "stripe": "cus_Q1w2e3" }`.
 * Keys are open (a new vendor is a new key); the known ones are in SystemNames.
 */
export type CrossReferences = Record<string, string>;

/** The vendor systems (and the canonical store) an id can come from. */
export const SystemNames = {
  Canonical: 'canonical',
  Salesforce: 'salesforce',
  Kantata: 'kantata',
  NetSuite: 'netsuite',
  BusinessCentral: 'business-central',
  Stripe: 'stripe',
  Workday: 'workday',
} as const;
export type SystemName = (typeof SystemNames)[keyof typeof SystemNames];
