import { LEGAL_ENTITY_BY_ID } from './legal-entities';
import { prng } from './prng';

export type DemoWorkerStatus = 'Active' | 'On_Leave' | 'Terminated';

/**
 * The demo firm's workforce, generated deterministically (a seeded PRNG, fixed tables): 300 workers
 * W00001..W00300 across US-01 (USD), DE-01 (EUR) and UK-01 (GBP), with job profiles, cost centres,
 * locations and a management chain (managing partner -> country partners -> managers -> staff).
 * Every run yields the same workers, ids and values. All Last_Updated values are in January 2025.
 */
export interface DemoWorker {
  employeeId: string;
  givenName: string;
  familyName: string;
  businessTitle: string;
  workEmail: string;
  status: DemoWorkerStatus;
  hireDate: string;
  terminationDate: string | null;
  legalEntity: string;
  costCenter: string;
  location: string;
  managerId: string | null;
  jobProfile: string;
  personalEmail: string;
  dateOfBirth: string;
  homeAddress: string;
  hourlyCostRate: string;
  costRateCurrency: string;
  lastUpdated: Date;
}

export const DEMO_WORKER_COUNT = 300;
export const DEMO_WORKERS_UPDATED = new Date('2025-01-06T09:00:00.000Z');

/** Job profiles of the demo firm and their base hourly cost (major units, USD-equivalent). */
export const DEMO_JOB_PROFILES: Readonly<Record<string, number>> = {
  'Managing Partner': 240,
  Partner: 210,
  Director: 175,
  'Senior Manager': 150,
  Manager: 125,
  'Solution Architect': 130,
  'Senior Consultant': 100,
  Consultant: 80,
  'Software Engineer': 95,
  Analyst: 60,
  'Project Coordinator': 50,
};

const STAFF_PROFILES = [
  'Senior Consultant',
  'Consultant',
  'Consultant',
  'Analyst',
  'Software Engineer',
  'Solution Architect',
  'Project Coordinator',
];

interface EntityPlan {
  code: string;
  costCenters: string[];
  locations: string[];
  cities: string[];
  rateFactor: number;
  givenNames: string[];
  familyNames: string[];
  streets: string[];
}

const PLANS: EntityPlan[] = [
  {
    code: 'US-01',
    costCenters: ['US-100 Consulting', 'US-200 Technology', 'US-300 Delivery'],
    locations: ['NYC', 'BOS', 'CHI'],
    cities: ['New York, NY 10001', 'Boston, MA 02108', 'Chicago, IL 60601'],
    rateFactor: 1,
    givenNames: [
      'James',
      'Mary',
      'Robert',
      'Patricia',
      'Michael',
      'Linda',
      'David',
      'Barbara',
      'Daniel',
      'Susan',
      'Kevin',
      'Emily',
      'Brian',
      'Ashley',
      'Jason',
      'Megan',
    ],
    familyNames: [
      'Smith',
      'Johnson',
      'Brown',
      'Miller',
      'Davis',
      'Wilson',
      'Moore',
      'Taylor',
      'Anderson',
      'Thomas',
      'Jackson',
      'White',
      'Harris',
      'Clark',
      'Lewis',
      'Walker',
    ],
    streets: ['Maple Avenue', 'Oak Street', 'Cedar Lane', 'Elm Street', 'Pine Road'],
  },
  {
    code: 'DE-01',
    costCenters: ['DE-100 Beratung', 'DE-200 Technologie'],
    locations: ['BER', 'MUC'],
    cities: ['10115 Berlin', '80331 München'],
    rateFactor: 0.92,
    givenNames: [
      'Lukas',
      'Anna',
      'Felix',
      'Lea',
      'Jonas',
      'Hannah',
      'Paul',
      'Mia',
      'Leon',
      'Laura',
      'Maximilian',
      'Sophie',
      'Tim',
      'Julia',
    ],
    familyNames: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Weber',
      'Meyer',
      'Wagner',
      'Becker',
      'Schulz',
      'Hoffmann',
      'Koch',
      'Richter',
      'Klein',
      'Wolf',
    ],
    streets: ['Hauptstraße', 'Lindenweg', 'Bahnhofstraße', 'Gartenstraße', 'Schillerstraße'],
  },
  {
    code: 'UK-01',
    costCenters: ['UK-100 Consulting', 'UK-200 Technology'],
    locations: ['LON', 'MAN'],
    cities: ['London EC1A 1BB', 'Manchester M1 1AE'],
    rateFactor: 0.79,
    givenNames: [
      'Oliver',
      'Amelia',
      'George',
      'Isla',
      'Harry',
      'Ava',
      'Jack',
      'Olivia',
      'Charlie',
      'Emily',
      'Thomas',
      'Grace',
      'William',
      'Freya',
    ],
    familyNames: [
      'Jones',
      'Williams',
      'Taylor',
      'Davies',
      'Evans',
      'Thomas',
      'Roberts',
      'Wright',
      'Hughes',
      'Edwards',
      'Green',
      'Hall',
      'Wood',
      'Hughes',
    ],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Park Avenue'],
  },
];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function ascii(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/ü/g, 'ue')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** Cents as a decimal string from an integer amount of cents: string math, no float rendering. */
function centsToDecimal(cents: number): string {
  return `${Math.floor(cents / 100)}.${pad(cents % 100)}`;
}

/**
 * The workforce, in employee id order: 300 workers by default (130 US-01, 85 DE-01, 85 UK-01), or
 * `total` in the same proportions (month-end benchmark volume: 2,000).
 */
export function generateWorkers(total: number = DEMO_WORKER_COUNT): DemoWorker[] {
  if (!Number.isInteger(total) || total < 3) throw new Error('a workforce needs at least 3 workers');
  const de = Math.round((total * 85) / 300);
  const uk = Math.round((total * 85) / 300);
  const headcounts: Record<string, number> = { 'US-01': total - de - uk, 'DE-01': de, 'UK-01': uk };
  const random = prng(20250106);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const workers: DemoWorker[] = [];
  const emails = new Set<string>();
  let n = 0;

  const make = (plan: EntityPlan, jobProfile: string, managerId: string | null, slot: number): DemoWorker => {
    n++;
    const employeeId = `W${pad(n, 5)}`;
    const givenName = pick(plan.givenNames);
    const familyName = pick(plan.familyNames);
    let local = `${ascii(givenName)}.${ascii(familyName)}`;
    if (emails.has(local)) local = `${local}${n}`;
    emails.add(local);
    const currency = LEGAL_ENTITY_BY_ID[plan.code].currency;
    const baseCents = Math.round(DEMO_JOB_PROFILES[jobProfile] * plan.rateFactor * 100);
    const cents = baseCents + int(-8, 8) * 25 + int(0, 4);
    const hireYear = jobProfile.includes('Partner') ? int(2008, 2014) : int(2012, 2024);
    const hireDate = `${hireYear}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
    const birthYear = int(1962, 1999);
    const where = slot % plan.locations.length;
    return {
      employeeId,
      givenName,
      familyName,
      businessTitle: jobProfile,
      workEmail: `${local}@demo-firm.example`,
      status: 'Active',
      hireDate,
      terminationDate: null,
      legalEntity: plan.code,
      costCenter: plan.costCenters[slot % plan.costCenters.length].split(' ')[0],
      location: plan.locations[where],
      managerId,
      jobProfile,
      personalEmail: `${ascii(givenName)}${ascii(familyName)}${birthYear % 100}${int(10, 99)}@mailbox.example`,
      dateOfBirth: `${birthYear}-${pad(int(1, 12))}-${pad(int(1, 28))}`,
      homeAddress: `${int(1, 240)} ${pick(plan.streets)}, ${plan.cities[where]}, ${LEGAL_ENTITY_BY_ID[plan.code].countryName}`,
      hourlyCostRate: centsToDecimal(cents),
      costRateCurrency: currency,
      lastUpdated: new Date(DEMO_WORKERS_UPDATED.getTime() + n * 1000),
    };
  };

  const top = make(PLANS[0], 'Managing Partner', null, 0);
  workers.push(top);
  for (const plan of PLANS) {
    const headcount = headcounts[plan.code];
    let remaining = plan.code === 'US-01' ? headcount - 1 : headcount;
    if (remaining <= 0) continue;
    const partner = make(plan, 'Partner', top.employeeId, 0);
    workers.push(partner);
    remaining--;
    let team = 0;
    while (remaining > 0) {
      const profile = team % 4 === 0 ? 'Senior Manager' : team % 4 === 3 ? 'Director' : 'Manager';
      const lead = make(plan, profile, partner.employeeId, team);
      workers.push(lead);
      remaining--;
      const size = Math.min(remaining, int(7, 11));
      for (let i = 0; i < size; i++) workers.push(make(plan, pick(STAFF_PROFILES), lead.employeeId, team));
      remaining -= size;
      team++;
    }
  }

  // Some history: a few on leave, a few who left in 2024 (never managers of anyone).
  const managers = new Set(workers.map((w) => w.managerId).filter(Boolean));
  const staff = workers.filter((w) => !managers.has(w.employeeId));
  for (const [i, w] of staff.entries()) {
    if (i % 23 === 5) {
      w.status = 'Terminated';
      const hire = w.hireDate < '2024-01-01' ? '2024' : null;
      w.terminationDate = hire ? `2024-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}` : w.hireDate;
    } else if (i % 37 === 11) {
      w.status = 'On_Leave';
    }
  }
  return workers;
}
