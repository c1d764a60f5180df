/**
 * The Kantata sandbox's demo firm (deterministic: same ids and values after every reset). Kept in
 * this folder until a shared demo-firm generator exists. All timestamps are in June 2025, so a
 * change feed started "now" sees none of it.
 */
export const SEED_SERVICE_NAME = 'ps-gateway';
export const SEED_MONTH = { from: '2025-06-01', to: '2025-06-30' };
/** Time entries performed on or after this day are still awaiting approval. */
export const SEED_UNAPPROVED_FROM = '2025-06-25';
export const SEED_CREATED_AT = new Date('2025-06-01T08:00:00Z');

export const SEED_ROLES = [
  { key: 'partner', name: 'Partner', costRateInCents: 15000 },
  { key: 'senior-consultant', name: 'Senior Consultant', costRateInCents: 9000 },
  { key: 'consultant', name: 'Consultant', costRateInCents: 6500 },
  { key: 'analyst', name: 'Analyst', costRateInCents: 4000 },
] as const;
export type SeedRoleKey = (typeof SEED_ROLES)[number]['key'];

export const SEED_USERS: ReadonlyArray<{
  full_name: string;
  email_address: string;
  role: SeedRoleKey;
  headline: string;
}> = [
  {
    full_name: 'Ava Thompson',
    email_address: 'ava.thompson@demo-firm.example',
    role: 'partner',
    headline: 'Partner, US',
  },
  {
    full_name: 'Liam Becker',
    email_address: 'liam.becker@demo-firm.example',
    role: 'partner',
    headline: 'Partner, DE',
  },
  {
    full_name: 'Noah Patel',
    email_address: 'noah.patel@demo-firm.example',
    role: 'senior-consultant',
    headline: 'Senior Consultant',
  },
  {
    full_name: 'Emma Dubois',
    email_address: 'emma.dubois@demo-firm.example',
    role: 'senior-consultant',
    headline: 'Senior Consultant',
  },
  {
    full_name: 'Oliver Hughes',
    email_address: 'oliver.hughes@demo-firm.example',
    role: 'consultant',
    headline: 'Consultant',
  },
  {
    full_name: 'Mia Schneider',
    email_address: 'mia.schneider@demo-firm.example',
    role: 'consultant',
    headline: 'Consultant',
  },
  { full_name: 'Lucas Moreau', email_address: 'lucas.moreau@demo-firm.example', role: 'analyst', headline: 'Analyst' },
  {
    full_name: 'Sophie Clarke',
    email_address: 'sophie.clarke@demo-firm.example',
    role: 'analyst',
    headline: 'Analyst',
  },
];

/** Standard rate card: hourly bill rates in cents per currency, two effective-dated versions. */
export const SEED_RATE_CARD = {
  title: 'Standard Rates',
  versions: [
    { effective_date: '2025-01-01', factor: 1 },
    { effective_date: '2025-07-01', factor: 1.05 },
  ],
  rates: {
    USD: { partner: 42500, 'senior-consultant': 27500, consultant: 19500, analyst: 12500 },
    EUR: { partner: 39000, 'senior-consultant': 25000, consultant: 18000, analyst: 11500 },
    GBP: { partner: 34000, 'senior-consultant': 22000, consultant: 15500, analyst: 10000 },
  } satisfies Record<string, Record<SeedRoleKey, number>>,
} as const;

export interface SeedWorkspace {
  /** Canonical project id (external reference `ps-gateway` / `project`). */
  project: string;
  title: string;
  currency: 'USD' | 'EUR' | 'GBP';
  price_in_cents: number;
  budgeted: boolean;
  start_date: string;
  due_date: string;
  customer: string;
  contract: string;
  legalEntity: string;
  billingModel: 'time-and-materials' | 'fixed-fee' | 'milestone' | 'retainer';
  /** Staff (indexes into SEED_USERS). */
  team: number[];
  milestones: Array<{
    title: string;
    due_date: string;
    budget_estimate_in_cents: number;
    state: 'not started' | 'started' | 'completed';
  }>;
}

export const SEED_WORKSPACES: SeedWorkspace[] = [
  {
    project: 'PRJ-0001',
    title: 'Acme Corp - ERP Rollout',
    currency: 'USD',
    price_in_cents: 48000000,
    budgeted: true,
    start_date: '2025-05-01',
    due_date: '2025-12-19',
    customer: 'ACC-0001',
    contract: 'CTR-0001',
    legalEntity: 'US-01',
    billingModel: 'time-and-materials',
    team: [0, 2, 4, 6],
    milestones: [
      { title: 'Blueprint signed off', due_date: '2025-06-13', budget_estimate_in_cents: 0, state: 'completed' },
      { title: 'Build complete', due_date: '2025-09-30', budget_estimate_in_cents: 0, state: 'started' },
    ],
  },
  {
    project: 'PRJ-0002',
    title: 'Globex - Data Platform',
    currency: 'EUR',
    price_in_cents: 21000000,
    budgeted: true,
    start_date: '2025-06-02',
    due_date: '2025-10-31',
    customer: 'ACC-0004',
    contract: 'CTR-0002',
    legalEntity: 'DE-01',
    billingModel: 'milestone',
    team: [1, 3, 5],
    milestones: [
      { title: 'Discovery report', due_date: '2025-06-27', budget_estimate_in_cents: 4500000, state: 'completed' },
      { title: 'Platform live', due_date: '2025-10-31', budget_estimate_in_cents: 16500000, state: 'not started' },
    ],
  },
  {
    project: 'PRJ-0003',
    title: 'Initech - Advisory Retainer',
    currency: 'GBP',
    price_in_cents: 6000000,
    budgeted: false,
    start_date: '2025-04-01',
    due_date: '2026-03-31',
    customer: 'ACC-0007',
    contract: 'CTR-0003',
    legalEntity: 'UK-01',
    billingModel: 'retainer',
    team: [7, 4],
    milestones: [
      { title: 'Quarterly review Q2', due_date: '2025-06-30', budget_estimate_in_cents: 0, state: 'started' },
    ],
  },
];

/** Minutes a member logs on a weekday (deterministic, 4 to 8 hours in half hours). */
export function seedMinutes(userIndex: number, day: number): number {
  return 240 + ((userIndex * 7 + day * 3) % 9) * 30;
}
