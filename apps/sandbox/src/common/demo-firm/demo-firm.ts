import { ANCHOR_ACCOUNTS, ANCHOR_OPPORTUNITIES } from './anchors';
import {
  DEMO_BASE_RATES,
  DEMO_JOB_PROFILE_BILLING_ROLE,
  DEMO_LEGAL_ENTITIES,
  DEMO_RATE_CARD_VERSIONS,
  DEMO_ROLES,
  DemoCurrency,
  DemoLegalEntity,
  DemoRole,
  DemoRoleDefinition,
  LEGAL_ENTITY_BY_ID,
} from './legal-entities';
import { draw } from './prng';
import { DemoWorker, generateWorkers } from './workers';

/**
 * One deterministic demo firm that every sandbox seeds from, so the same customer, opportunity,
 * project, worker and time entry exist consistently in Salesforce, Kantata, NetSuite, Business
 * Central, Stripe and Workday. Pure: a seeded PRNG and fixed tables, no clock, no Math.random; the
 * same size gives byte-for-byte the same output. Money is integer minor units; time is minutes.
 */
export type BillingModel = 'Time_and_Materials' | 'Fixed_Fee' | 'Milestone' | 'Retainer';
export type DemoScale = 'demo' | 'month-end';

export interface DemoFirmSize {
  customers: number;
  opportunities: number;
  workers: number;
  /** Closed Won opportunities, one project each. */
  projects: number;
  /** Exact number of time entries; absent: one per member per weekday of the month. */
  timeEntries?: number;
}

export const DEMO_FIRM_SIZES: Readonly<Record<DemoScale, DemoFirmSize>> = {
  demo: { customers: 40, opportunities: 120, workers: 300, projects: 30 },
  'month-end': { customers: 200, opportunities: 1000, workers: 2000, projects: 500, timeEntries: 200_000 },
};

/** The month of time entries, and the day from which entries are still awaiting approval. */
export const DEMO_MONTH = { from: '2025-06-01', to: '2025-06-30' } as const;
export const DEMO_UNAPPROVED_FROM = '2025-06-25';

export interface DemoCustomer {
  /** Canonical customer id = Salesforce `External_Id__c` = NetSuite `externalId` (`ACC-0001`). */
  id: string;
  name: string;
  type: string;
  industry: string;
  legalEntity: DemoLegalEntity['id'];
  currency: DemoCurrency;
  /** ISO 3166 alpha-2. */
  billingCountry: string;
  billingCountryName: string;
  billingCity: string;
  website: string;
  email: string;
  /** Whether a Closed Won deal made it a project customer (then it is in the ERPs and Stripe). */
  hasProjects: boolean;
  /** Stripe customer id when it has projects. */
  stripeCustomerId: string | null;
}

export interface DemoLineItem {
  /** `OPP-0001-L1`. */
  id: string;
  role: DemoRole;
  /** ERP item / Product2 code of the role (`SVC-ANALYST`). */
  itemNumber: string;
  description: string;
  quantityHours: number;
  unitPriceMinor: number;
  totalMinor: number;
  serviceDate: string;
}

export interface DemoOpportunityMilestone {
  /** `OPP-0004-M1`. */
  id: string;
  serviceDate: string;
  description: string;
  amountMinor: number;
}

export interface DemoOpportunity {
  /** `OPP-0001` (Salesforce `External_Id__c`). */
  id: string;
  accountId: string;
  name: string;
  stage: string;
  type: 'New Business' | 'Existing Business';
  closeDate: string;
  currency: DemoCurrency;
  legalEntity: DemoLegalEntity['id'];
  billingModel: BillingModel | null;
  rateCardId: string;
  taxProfile: string;
  startDate: string | null;
  endDate: string | null;
  /** Sum of the line items; null for a deal not sized yet. */
  amountMinor: number | null;
  budgetMinor: number | null;
  lineItems: DemoLineItem[];
  /** Milestone deals only: amounts sum to `amountMinor`. */
  milestones: DemoOpportunityMilestone[];
  /** The project a Closed Won deal became. */
  projectId: string | null;
}

export interface DemoRateCardVersion {
  effectiveDate: string;
  rates: Readonly<Record<DemoRole, number>>;
}

export interface DemoRateCard {
  id: string;
  legalEntity: DemoLegalEntity['id'];
  currency: DemoCurrency;
  versions: DemoRateCardVersion[];
}

export interface DemoFirmWorker extends DemoWorker {
  /** Billable role the job profile staffs projects as. */
  role: DemoRole;
  hourlyCostRateMinor: number;
}

export interface DemoParticipation {
  projectId: string;
  workerId: string;
  role: DemoRole;
  lead: boolean;
}

export interface DemoProjectMilestone {
  /** `MS-0001-1`. */
  id: string;
  projectId: string;
  title: string;
  dueDate: string;
  amountMinor: number;
  state: 'not started' | 'started' | 'completed';
}

export interface DemoProject {
  /** `PRJ-0001`. */
  id: string;
  contractId: string;
  opportunityId: string;
  customerId: string;
  name: string;
  legalEntity: DemoLegalEntity['id'];
  currency: DemoCurrency;
  billingModel: BillingModel;
  rateCardId: string;
  startDate: string;
  endDate: string;
  status: 'active' | 'completed';
  budgetMinor: number;
  team: DemoParticipation[];
  milestones: DemoProjectMilestone[];
}

export interface DemoTimeEntry {
  /** `TE-0000001`. */
  id: string;
  projectId: string;
  workerId: string;
  role: DemoRole;
  date: string;
  minutes: number;
  billable: boolean;
  /** Approved, or submitted and awaiting approval. */
  approved: boolean;
  currency: DemoCurrency;
  rateMinor: number;
  costRateMinor: number;
  notes: string;
}

export interface DemoFirm {
  scale: DemoScale | 'custom';
  size: DemoFirmSize;
  month: { from: string; to: string };
  unapprovedFrom: string;
  legalEntities: readonly DemoLegalEntity[];
  roles: readonly DemoRoleDefinition[];
  rateCards: DemoRateCard[];
  customers: DemoCustomer[];
  opportunities: DemoOpportunity[];
  workers: DemoFirmWorker[];
  projects: DemoProject[];
  participations: DemoParticipation[];
  timeEntries: DemoTimeEntry[];
}

const DAY = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

function weekdays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d);
  }
  return days;
}

/** Rates of the version of `card` effective on `date` (the first version before its date). */
export function ratesOn(card: DemoRateCard, date: string): Readonly<Record<DemoRole, number>> {
  let current = card.versions[0];
  for (const v of card.versions) if (v.effectiveDate <= date) current = v;
  return current.rates;
}

function rateCards(): DemoRateCard[] {
  return DEMO_LEGAL_ENTITIES.map((le) => ({
    id: le.rateCardId,
    legalEntity: le.id,
    currency: le.currency,
    versions: DEMO_RATE_CARD_VERSIONS.map((v) => ({
      effectiveDate: v.effectiveDate,
      rates: Object.fromEntries(
        DEMO_ROLES.map((r) => [r.key, Math.round((DEMO_BASE_RATES[le.currency][r.key] * v.percent) / 100)]),
      ) as Record<DemoRole, number>,
    })),
  }));
}

const COMPANY_WORDS: Record<DemoLegalEntity['id'], { first: string[]; second: string[]; suffix: string[] }> = {
  'US-01': {
    first: [
      'Granite',
      'Harbor',
      'Lakeside',
      'Pioneer',
      'Redwood',
      'Silverline',
      'Prairie',
      'Atlas',
      'Beacon',
      'Canyon',
    ],
    second: ['Health', 'Foods', 'Robotics', 'Insurance', 'Logistics', 'Software', 'Energy', 'Media', 'Labs', 'Retail'],
    suffix: ['Inc.', 'LLC', 'Corp.', 'Group'],
  },
  'DE-01': {
    first: ['Alpen', 'Elb', 'Isar', 'Main', 'Schwarzwald', 'Spree', 'Weser', 'Donau', 'Harz', 'Ostsee'],
    second: [
      'Logistik',
      'Versicherung',
      'Chemie',
      'Automobil',
      'Software',
      'Energie',
      'Handel',
      'Medien',
      'Bau',
      'Pharma',
    ],
    suffix: ['GmbH', 'AG', 'SE', 'KG'],
  },
  'UK-01': {
    first: ['Pennine', 'Cotswold', 'Mersey', 'Tyne', 'Severn', 'Clyde', 'Kestrel', 'Windsor', 'Brecon', 'Solent'],
    second: ['Holdings', 'Insurance', 'Foods', 'Engineering', 'Software', 'Energy', 'Retail', 'Media', 'Rail', 'Water'],
    suffix: ['Ltd', 'plc', 'LLP', 'Group'],
  },
};
const CITIES: Record<DemoLegalEntity['id'], string[]> = {
  'US-01': ['New York', 'Boston', 'Chicago', 'Austin', 'Denver', 'Seattle', 'Atlanta', 'San Diego'],
  'DE-01': ['Berlin', 'München', 'Hamburg', 'Frankfurt', 'Köln', 'Stuttgart', 'Leipzig', 'Düsseldorf'],
  'UK-01': ['London', 'Manchester', 'Bristol', 'Leeds', 'Glasgow', 'Birmingham', 'Cardiff', 'Edinburgh'],
};
const INDUSTRY_OF: Record<string, string> = {
  Health: 'Healthcare',
  Pharma: 'Healthcare',
  Foods: 'Retail',
  Retail: 'Retail',
  Handel: 'Retail',
  Robotics: 'Manufacturing',
  Chemie: 'Manufacturing',
  Automobil: 'Manufacturing',
  Engineering: 'Manufacturing',
  Bau: 'Manufacturing',
  Insurance: 'Banking',
  Versicherung: 'Banking',
  Holdings: 'Banking',
  Logistics: 'Other',
  Logistik: 'Other',
  Rail: 'Other',
  Software: 'Technology',
  Labs: 'Technology',
  Energy: 'Energy',
  Energie: 'Energy',
  Water: 'Energy',
  Media: 'Media',
  Medien: 'Media',
};
const ACCOUNT_TYPES = ['Customer - Direct', 'Customer - Direct', 'Customer - Channel', 'Prospect', 'Partner'];
const DEAL_WORDS = [
  'Cloud migration',
  'Data platform',
  'ERP rollout',
  'Analytics programme',
  'Security review',
  'CRM implementation',
  'Process automation',
  'Finance transformation',
  'Supply chain planning',
  'Customer portal',
  'Integration hub',
  'Managed services',
];
const OPEN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Lost',
];
const BILLING_MODELS: BillingModel[] = [
  'Time_and_Materials',
  'Time_and_Materials',
  'Fixed_Fee',
  'Milestone',
  'Retainer',
];
const MILESTONE_TITLES = ['Discovery and blueprint signed off', 'Build complete', 'User acceptance passed'];
const FINAL_MILESTONE = 'Go-live and hypercare closed';
/** Share of a deal's hours per role (per mille) by billing model. */
const ROLE_MIX: Record<BillingModel, Partial<Record<DemoRole, number>>> = {
  Time_and_Materials: { partner: 50, manager: 150, 'senior-consultant': 300, consultant: 350, analyst: 150 },
  Fixed_Fee: { partner: 60, manager: 140, 'senior-consultant': 350, consultant: 300, analyst: 150 },
  Milestone: { partner: 50, manager: 150, 'senior-consultant': 350, consultant: 300, analyst: 150 },
  Retainer: { partner: 200, manager: 300, consultant: 500 },
};

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .slice(0, 2)
    .join('');
}

function customers(size: DemoFirmSize): DemoCustomer[] {
  const d = draw(20250107);
  const list: DemoCustomer[] = ANCHOR_ACCOUNTS.slice(0, size.customers).map((a) => {
    const le = LEGAL_ENTITY_BY_ID[a.Legal_Entity__c];
    return {
      id: a.External_Id__c,
      name: a.Name,
      type: a.Type,
      industry: a.Industry,
      legalEntity: le.id,
      currency: le.currency,
      billingCountry: le.country,
      billingCountryName: le.countryName,
      billingCity: a.BillingCity,
      website: a.Website,
      email: `accounts@${new URL(a.Website).hostname}`,
      hasProjects: false,
      stripeCustomerId: null,
    };
  });
  const names = new Set(list.map((c) => c.name));
  const cycle: Array<DemoLegalEntity['id']> = ['US-01', 'DE-01', 'US-01', 'UK-01'];
  for (let i = list.length; i < size.customers; i++) {
    const le = LEGAL_ENTITY_BY_ID[cycle[i % cycle.length]];
    const words = COMPANY_WORDS[le.id];
    let second = d.pick(words.second);
    let name = `${d.pick(words.first)} ${second} ${d.pick(words.suffix)}`;
    for (let tries = 0; names.has(name) && tries < 20; tries++) {
      second = d.pick(words.second);
      name = `${d.pick(words.first)} ${second} ${d.pick(words.suffix)}`;
    }
    if (names.has(name)) name = `${name} ${i + 1}`;
    names.add(name);
    const domain = `${slug(name)}${i + 1}.example`;
    list.push({
      id: `ACC-${pad(i + 1, 4)}`,
      name,
      type: d.pick(ACCOUNT_TYPES),
      industry: INDUSTRY_OF[second] ?? 'Other',
      legalEntity: le.id,
      currency: le.currency,
      billingCountry: le.country,
      billingCountryName: le.countryName,
      billingCity: d.pick(CITIES[le.id]),
      website: `https://${domain}`,
      email: `accounts@${domain}`,
      hasProjects: false,
      stripeCustomerId: null,
    });
  }
  return list;
}

/**
 * Line items of a deal: hours per role (in steps of 5) at the rate card's prices. With `exact`, the
 * hours are rounded down and one fixed-price line (`Engagement management (fixed)`, quantity 1)
 * brings the total to exactly `targetMinor` (the hand-written deals keep their agreed amounts).
 */
function lineItems(
  opportunityId: string,
  model: BillingModel,
  targetMinor: number,
  rates: Readonly<Record<DemoRole, number>>,
  serviceDate: string,
  exact: boolean,
): DemoLineItem[] {
  const mix = ROLE_MIX[model];
  const roles = DEMO_ROLES.filter((r) => mix[r.key]).reverse(); // senior first
  const blended = roles.reduce((sum, r) => sum + (mix[r.key]! * rates[r.key]) / 1000, 0);
  const totalHours = targetMinor / blended;
  const round = exact ? Math.floor : Math.round;
  const lines = roles.map((r, i) => {
    const quantityHours = Math.max(5, round((totalHours * mix[r.key]!) / 1000 / 5) * 5);
    return {
      id: `${opportunityId}-L${i + 1}`,
      role: r.key,
      itemNumber: r.itemNumber,
      description: `${r.name} services`,
      quantityHours,
      unitPriceMinor: rates[r.key],
      totalMinor: quantityHours * rates[r.key],
      serviceDate,
    };
  });
  const rest = targetMinor - lines.reduce((sum, l) => sum + l.totalMinor, 0);
  if (exact && rest > 0) {
    const manager = DEMO_ROLES.find((r) => r.key === 'manager')!;
    lines.push({
      id: `${opportunityId}-L${lines.length + 1}`,
      role: manager.key,
      itemNumber: manager.itemNumber,
      description: 'Engagement management (fixed)',
      quantityHours: 1,
      unitPriceMinor: rest,
      totalMinor: rest,
      serviceDate,
    });
  }
  return lines;
}

function opportunityMilestones(
  opportunityId: string,
  amountMinor: number,
  from: string,
  to: string,
  count: number,
): DemoOpportunityMilestone[] {
  const span = Math.max(count, Math.round((Date.parse(to) - Date.parse(from)) / DAY));
  const titles = [...MILESTONE_TITLES.slice(0, count - 1), FINAL_MILESTONE];
  let left = amountMinor;
  return titles.map((description, i) => {
    const last = i === count - 1;
    // 20 / 30 / 50 style weights: later milestones carry more; the last absorbs the rounding.
    const share = last ? left : Math.round((amountMinor * (i + 1)) / ((count * (count + 1)) / 2));
    left -= share;
    return {
      id: `${opportunityId}-M${i + 1}`,
      serviceDate: last ? to : addDays(from, Math.round((span * (i + 1)) / count)),
      description,
      amountMinor: share,
    };
  });
}

function opportunities(size: DemoFirmSize, customerList: DemoCustomer[], cards: DemoRateCard[]): DemoOpportunity[] {
  const d = draw(20250108);
  const byId = new Map(customerList.map((c) => [c.id, c]));
  const cardOf = (le: string) => cards.find((c) => c.legalEntity === le)!;
  const anchors = ANCHOR_OPPORTUNITIES.filter((o) => byId.has(o.account)).slice(0, size.opportunities);
  const anchorWon = anchors.filter((o) => o.StageName === 'Closed Won').length;
  const generated = size.opportunities - anchors.length;
  const wonTarget = size.projects - anchorWon;
  if (wonTarget < 0 || wonTarget > generated) {
    throw new Error(`cannot make ${size.projects} projects from ${size.opportunities} opportunities`);
  }
  const list: DemoOpportunity[] = [];
  const finish = (
    o: Omit<DemoOpportunity, 'lineItems' | 'milestones' | 'amountMinor' | 'budgetMinor' | 'projectId'>,
    targetMinor: number | null,
    hasBudget: boolean,
    milestoneCount: number,
    exact: boolean,
  ) => {
    const card = cardOf(o.legalEntity);
    const serviceDate = o.startDate ?? o.closeDate;
    const lines =
      targetMinor === null || !o.billingModel
        ? []
        : lineItems(o.id, o.billingModel, targetMinor, ratesOn(card, serviceDate), serviceDate, exact);
    const amountMinor = lines.length ? lines.reduce((s, l) => s + l.totalMinor, 0) : null;
    const milestones =
      o.billingModel === 'Milestone' && amountMinor !== null
        ? opportunityMilestones(
            o.id,
            amountMinor,
            o.startDate ?? addDays(o.closeDate, 14),
            o.endDate ?? addDays(o.closeDate, 180),
            milestoneCount,
          )
        : [];
    list.push({
      ...o,
      amountMinor,
      budgetMinor: hasBudget ? amountMinor : null,
      lineItems: lines,
      milestones,
      projectId: null,
    });
  };
  for (const a of anchors) {
    const c = byId.get(a.account)!;
    const le = LEGAL_ENTITY_BY_ID[c.legalEntity];
    finish(
      {
        id: a.External_Id__c,
        accountId: c.id,
        name: a.Name,
        stage: a.StageName,
        type: (a.Type ?? 'New Business') as DemoOpportunity['type'],
        closeDate: a.CloseDate,
        currency: c.currency,
        legalEntity: c.legalEntity,
        billingModel: a.Billing_Model__c as BillingModel | null,
        rateCardId: le.rateCardId,
        taxProfile: le.taxProfile,
        startDate: a.Start_Date__c ?? null,
        endDate: a.End_Date__c ?? null,
      },
      a.Amount === null ? null : Math.round(a.Amount * 100),
      a.Budget__c !== undefined || a.StageName === 'Closed Won',
      3,
      true,
    );
  }
  for (let j = 0; j < generated; j++) {
    const n = anchors.length + j + 1;
    const c = customerList[(ANCHOR_ACCOUNTS.length + j) % customerList.length];
    const le = LEGAL_ENTITY_BY_ID[c.legalEntity];
    const won = Math.floor(((j + 1) * wonTarget) / generated) > Math.floor((j * wonTarget) / generated);
    const model = d.pick(BILLING_MODELS);
    const target = d.int(20, 320) * 100_000; // 20,000 .. 320,000 in major units
    const stage = won ? 'Closed Won' : d.pick(OPEN_STAGES);
    let closeDate: string;
    let startDate: string | null = null;
    let endDate: string | null = null;
    if (won) {
      closeDate = addDays('2025-01-06', d.int(0, 130));
      startDate = minDate(addDays(closeDate, d.int(7, 21)), '2025-06-02');
      endDate = maxDate(addDays(startDate, d.int(120, 330)), '2025-07-31');
    } else if (stage === 'Closed Lost') {
      closeDate = addDays('2025-01-06', d.int(0, 140));
    } else {
      closeDate = addDays('2025-06-02', d.int(0, 200));
    }
    const short = c.name.split(' ')[0];
    finish(
      {
        id: `OPP-${pad(n, 4)}`,
        accountId: c.id,
        name: `${short} - ${d.pick(DEAL_WORDS)}`,
        stage,
        type: d.next() < 0.6 ? 'New Business' : 'Existing Business',
        closeDate,
        currency: c.currency,
        legalEntity: c.legalEntity,
        billingModel: model,
        rateCardId: le.rateCardId,
        taxProfile: le.taxProfile,
        startDate,
        endDate,
      },
      target,
      won,
      d.int(2, 4),
      false,
    );
  }
  return list;
}

function workers(size: DemoFirmSize): DemoFirmWorker[] {
  return generateWorkers(size.workers).map((w) => {
    const [major, minor] = w.hourlyCostRate.split('.');
    return {
      ...w,
      role: DEMO_JOB_PROFILE_BILLING_ROLE[w.jobProfile],
      hourlyCostRateMinor: Number(major) * 100 + Number(minor),
    };
  });
}

function projectMilestones(projectId: string, o: DemoOpportunity): DemoProjectMilestone[] {
  const plan =
    o.milestones.length > 0
      ? o.milestones.map((m) => ({ title: m.description, dueDate: m.serviceDate, amountMinor: m.amountMinor }))
      : [
          { title: 'Kick-off complete', dueDate: addDays(o.startDate!, 14), amountMinor: 0 },
          { title: 'Final acceptance', dueDate: o.endDate!, amountMinor: 0 },
        ];
  let startedOne = false;
  return plan.map((m, i) => {
    let state: DemoProjectMilestone['state'] = 'completed';
    if (m.dueDate > '2025-06-20') {
      state = startedOne ? 'not started' : 'started';
      startedOne = true;
    }
    return { id: `MS-${projectId.slice(4)}-${i + 1}`, projectId, ...m, state };
  });
}

function projects(
  size: DemoFirmSize,
  opps: DemoOpportunity[],
  customerList: DemoCustomer[],
  staff: DemoFirmWorker[],
): DemoProject[] {
  const d = draw(20250109);
  const eligible = staff.filter((w) => w.status === 'Active' && w.hireDate <= '2025-05-31');
  const shuffle = <T>(items: T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const k = Math.floor(d.next() * (i + 1));
      [out[i], out[k]] = [out[k], out[i]];
    }
    return out;
  };
  const pools = new Map<string, { leads: DemoFirmWorker[]; staff: DemoFirmWorker[]; l: number; s: number }>();
  for (const le of DEMO_LEGAL_ENTITIES) {
    const mine = eligible.filter((w) => w.legalEntity === le.id);
    pools.set(le.id, {
      leads: shuffle(mine.filter((w) => w.role === 'manager' || w.role === 'partner')),
      staff: shuffle(mine.filter((w) => w.role !== 'manager' && w.role !== 'partner')),
      l: 0,
      s: 0,
    });
  }
  const customerById = new Map(customerList.map((c) => [c.id, c]));
  const list: DemoProject[] = [];
  for (const o of opps) {
    if (o.stage !== 'Closed Won' || list.length >= size.projects) continue;
    const n = list.length + 1;
    const id = `PRJ-${pad(n, 4)}`;
    o.projectId = id;
    const customer = customerById.get(o.accountId)!;
    customer.hasProjects = true;
    const startDate = o.startDate ?? addDays(o.closeDate, 14);
    const endDate = o.endDate ?? addDays(startDate, 180);
    const filled: DemoOpportunity = { ...o, startDate, endDate };
    const pool = pools.get(o.legalEntity)!;
    const lead = pool.leads[pool.l++ % pool.leads.length];
    const team: DemoParticipation[] = [{ projectId: id, workerId: lead.employeeId, role: lead.role, lead: true }];
    const members = Math.min(d.int(2, 5), pool.staff.length);
    for (let i = 0; i < members; i++) {
      const w = pool.staff[pool.s++ % pool.staff.length];
      team.push({ projectId: id, workerId: w.employeeId, role: w.role, lead: false });
    }
    list.push({
      id,
      contractId: `CTR-${pad(n, 4)}`,
      opportunityId: o.id,
      customerId: o.accountId,
      name: o.name,
      legalEntity: o.legalEntity,
      currency: o.currency,
      billingModel: o.billingModel ?? 'Time_and_Materials',
      rateCardId: o.rateCardId,
      startDate,
      endDate,
      status: endDate < DEMO_MONTH.from ? 'completed' : 'active',
      budgetMinor: o.amountMinor ?? 0,
      team,
      milestones: projectMilestones(id, filled),
    });
  }
  return list;
}

function timeEntries(
  size: DemoFirmSize,
  projectList: DemoProject[],
  workerById: Map<string, DemoFirmWorker>,
  cards: DemoRateCard[],
): DemoTimeEntry[] {
  const days = weekdays(DEMO_MONTH.from, DEMO_MONTH.to);
  // Slots: one per member per weekday the project runs in the month.
  const slots: Array<{ project: DemoProject; member: DemoParticipation; memberIndex: number; day: number }> = [];
  let memberIndex = 0;
  for (const project of projectList) {
    for (const member of project.team) {
      for (const [day, date] of days.entries()) {
        if (date >= project.startDate && date <= project.endDate) slots.push({ project, member, memberIndex, day });
      }
      memberIndex++;
    }
  }
  const total = size.timeEntries ?? slots.length;
  const s = slots.length;
  if (s === 0) return [];
  const base = Math.floor(total / s);
  const extra = total % s;
  const stride = [7919, 7907, 7901].find((p) => s % p !== 0)!;
  const list: DemoTimeEntry[] = [];
  const cardOf = new Map(cards.map((c) => [c.id, c]));
  for (const [i, slot] of slots.entries()) {
    const count = base + ((i * stride) % s < extra ? 1 : 0);
    if (count === 0) continue;
    const date = days[slot.day];
    const worker = workerById.get(slot.member.workerId)!;
    const dayMinutes = 240 + ((slot.memberIndex * 7 + slot.day * 3) % 9) * 30;
    const minutes = Math.max(15, Math.round(dayMinutes / count / 15) * 15);
    const rate = ratesOn(cardOf.get(slot.project.rateCardId)!, date)[slot.member.role];
    for (let k = 0; k < count; k++) {
      list.push({
        id: `TE-${pad(list.length + 1, 7)}`,
        projectId: slot.project.id,
        workerId: worker.employeeId,
        role: slot.member.role,
        date,
        minutes,
        billable: slot.member.role !== 'partner' || slot.day % 5 !== 4,
        approved: date < DEMO_UNAPPROVED_FROM,
        currency: slot.project.currency,
        rateMinor: rate,
        costRateMinor: worker.hourlyCostRateMinor,
        notes: `Work on ${slot.project.name}`,
      });
    }
  }
  return list;
}

/** Generates the demo firm of `size` (pure; same size, same output). */
export function generateDemoFirm(size: DemoFirmSize, scale: DemoFirm['scale'] = 'custom'): DemoFirm {
  const cards = rateCards();
  const customerList = customers(size);
  const opps = opportunities(size, customerList, cards);
  const staff = workers(size);
  const projectList = projects(size, opps, customerList, staff);
  for (const c of customerList) {
    if (c.hasProjects) c.stripeCustomerId = `cus_SEED${pad(Number(c.id.slice(4)), 10)}`;
  }
  const workerById = new Map(staff.map((w) => [w.employeeId, w]));
  return {
    scale,
    size,
    month: { ...DEMO_MONTH },
    unapprovedFrom: DEMO_UNAPPROVED_FROM,
    legalEntities: DEMO_LEGAL_ENTITIES,
    roles: DEMO_ROLES,
    rateCards: cards,
    customers: customerList,
    opportunities: opps,
    workers: staff,
    projects: projectList,
    participations: projectList.flatMap((p) => p.team),
    timeEntries: timeEntries(size, projectList, workerById, cards),
  };
}

const cache = new Map<DemoScale, DemoFirm>();

/**
 * The demo firm at a named scale (`demo`: 40 customers, 120 opportunities, 300 workers, 30
 * projects; `month-end`: 2,000 workers, 500 projects, 200,000 time entries). Generated once per
 * process and shared: treat it as read-only.
 */
export function demoFirm(scale: DemoScale = 'demo'): DemoFirm {
  let firm = cache.get(scale);
  if (!firm) {
    firm = generateDemoFirm(DEMO_FIRM_SIZES[scale], scale);
    cache.set(scale, firm);
  }
  return firm;
}

/** `SANDBOX_SCALE` (`demo` | `month-end`), default `demo`; anything else is an error naming it. */
export function demoScaleFrom(value: string | undefined): DemoScale {
  if (value === undefined || value === '' || value === 'demo') return 'demo';
  if (value === 'month-end') return 'month-end';
  throw new Error(`SANDBOX_SCALE must be "demo" or "month-end", not "${value}"`);
}
