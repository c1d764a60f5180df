import { SeedOpportunity } from './seed-data';

/**
 * Products, opportunity line items and contracts of the demo firm, derived deterministically from the
 * seeded opportunities (a local seed until the shared demo-firm generator provides them).
 *
 * Role convention (also what system-crm reads): one Product2 per role, `ProductCode` = the canonical
 * role code, `Family = 'Professional Services'`, sold by the hour (`Quantity` = hours); one
 * `Family = 'Milestone'` product (`ProductCode` `MILESTONE`) for fixed-price milestones, sold by the
 * unit, with `ServiceDate` = the milestone's due date and `Description` = its name.
 */
export interface SeedProduct {
  External_Id__c: string;
  Name: string;
  ProductCode: string;
  Family: string;
  QuantityUnitOfMeasure: string;
  IsActive: boolean;
}

export interface SeedLineItem {
  External_Id__c: string;
  /** External ids of the opportunity and the product. */
  opportunity: string;
  product: string;
  Quantity: number;
  UnitPrice: number;
  ServiceDate: string;
  Description: string;
  SortOrder: number;
}

export interface SeedContract {
  External_Id__c: string;
  /** External ids of the account and the opportunity. */
  account: string;
  opportunity: string;
  Name: string;
  Status: string;
  StartDate: string;
  ContractTerm: number;
  Billing_Model__c: string;
  Payment_Terms_Days__c: number;
  Total_Value__c?: number;
  Retainer_Fee__c?: number;
  Retainer_Period__c?: string;
  Retainer_Included_Hours__c?: number;
}

/** Hourly list rates by role (the same figures in each legal entity's currency). */
const ROLE_RATES: ReadonlyArray<{ role: string; name: string; rate: number }> = [
  { role: 'analyst', name: 'Analyst', rate: 120 },
  { role: 'consultant', name: 'Consultant', rate: 180 },
  { role: 'senior-consultant', name: 'Senior Consultant', rate: 240 },
  { role: 'manager', name: 'Engagement Manager', rate: 300 },
  { role: 'partner', name: 'Partner', rate: 400 },
];

export const MILESTONE_PRODUCT_CODE = 'MILESTONE';

export const SEED_PRODUCTS: readonly SeedProduct[] = [
  ...ROLE_RATES.map((r) => ({
    External_Id__c: `PRD-${r.role.toUpperCase()}`,
    Name: `${r.name} (hour)`,
    ProductCode: r.role,
    Family: 'Professional Services',
    QuantityUnitOfMeasure: 'Hour',
    IsActive: true,
  })),
  {
    External_Id__c: `PRD-${MILESTONE_PRODUCT_CODE}`,
    Name: 'Fixed-price milestone',
    ProductCode: MILESTONE_PRODUCT_CODE,
    Family: 'Milestone',
    QuantityUnitOfMeasure: 'Each',
    IsActive: true,
  },
];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function monthsBetween(start: string, end: string): number {
  const [ys, ms] = start.split('-').map(Number);
  const [ye, me] = end.split('-').map(Number);
  return Math.max(1, (ye - ys) * 12 + (me - ms) + 1);
}

const MILESTONE_SPLIT: ReadonlyArray<{ share: number; name: string; afterDays: number }> = [
  { share: 0.3, name: 'Discovery and design signed off', afterDays: 28 },
  { share: 0.4, name: 'Build complete', afterDays: 84 },
  { share: 0.3, name: 'Go-live and handover', afterDays: 140 },
];

/** Hours per role of a time-billed deal: a pyramid around the opportunity's index. */
function staffing(index: number): Array<{ role: string; hours: number }> {
  return [
    { role: 'partner', hours: 8 + (index % 3) * 4 },
    { role: 'manager', hours: 40 + (index % 5) * 8 },
    { role: 'senior-consultant', hours: 80 + (index % 4) * 20 },
    { role: 'consultant', hours: 120 + (index % 6) * 16 },
  ];
}

/** Line items of every seeded opportunity that has an amount: milestones or time by role. */
export function seedLineItems(opportunities: readonly SeedOpportunity[]): SeedLineItem[] {
  const items: SeedLineItem[] = [];
  for (const [index, opp] of opportunities.entries()) {
    if (opp.Amount === null) continue;
    const start = opp.Start_Date__c ?? opp.CloseDate;
    if (opp.Billing_Model__c === 'Milestone') {
      let left = Math.round(opp.Amount * 100);
      for (const [i, m] of MILESTONE_SPLIT.entries()) {
        const last = i === MILESTONE_SPLIT.length - 1;
        const cents = last ? left : Math.round(opp.Amount * 100 * m.share);
        left -= cents;
        items.push({
          External_Id__c: `${opp.External_Id__c}-L${i + 1}`,
          opportunity: opp.External_Id__c,
          product: `PRD-${MILESTONE_PRODUCT_CODE}`,
          Quantity: 1,
          UnitPrice: cents / 100,
          ServiceDate: addDays(start, m.afterDays),
          Description: m.name,
          SortOrder: i + 1,
        });
      }
      continue;
    }
    for (const [i, s] of staffing(index).entries()) {
      items.push({
        External_Id__c: `${opp.External_Id__c}-L${i + 1}`,
        opportunity: opp.External_Id__c,
        product: `PRD-${s.role.toUpperCase()}`,
        Quantity: s.hours,
        UnitPrice: ROLE_RATES.find((r) => r.role === s.role)!.rate,
        ServiceDate: start,
        Description: `${ROLE_RATES.find((r) => r.role === s.role)!.name} time`,
        SortOrder: i + 1,
      });
    }
  }
  return items;
}

/** One contract per closed-won opportunity, activated, with the terms its billing model needs. */
export function seedContracts(opportunities: readonly SeedOpportunity[]): SeedContract[] {
  return opportunities
    .filter((o) => o.StageName === 'Closed Won' && o.Billing_Model__c)
    .map((o, i) => {
      const start = o.Start_Date__c ?? o.CloseDate;
      const term = o.End_Date__c ? monthsBetween(start, o.End_Date__c) : 12;
      const contract: SeedContract = {
        External_Id__c: `CTR-${o.External_Id__c.replace(/^OPP-/, '')}`,
        account: o.account,
        opportunity: o.External_Id__c,
        Name: o.Name.slice(0, 80),
        Status: 'Activated',
        StartDate: start,
        ContractTerm: term,
        Billing_Model__c: o.Billing_Model__c!,
        Payment_Terms_Days__c: [30, 45, 30, 60][i % 4],
      };
      if (o.Billing_Model__c === 'Fixed_Fee' || o.Billing_Model__c === 'Milestone') contract.Total_Value__c = o.Amount!;
      if (o.Billing_Model__c === 'Retainer') {
        contract.Retainer_Fee__c = Math.round((o.Amount! / term) * 100) / 100;
        contract.Retainer_Period__c = 'Monthly';
        contract.Retainer_Included_Hours__c = 40;
      }
      return contract;
    });
}
