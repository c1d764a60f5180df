import { DemoFirm } from '../../common/demo-firm';

/**
 * Products, opportunity line items and contracts of the demo firm, from the shared generator
 * (src/common/demo-firm): the same roles, deals, milestones and projects the other sandboxes seed.
 *
 * Product convention (also what system-crm reads): one Product2 per role (`ProductCode` = the
 * canonical role code, `External_Id__c` = the role's ERP item number, `Family = 'Professional
 * Services'`, sold by the hour: `Quantity` = hours) and one `Family = 'Milestone'` product
 * (`ProductCode` `MILESTONE`) for fixed-price milestones (`Quantity` 1, `ServiceDate` = due date,
 * `Description` = the milestone's name).
 *
 * Every deal carries its time lines (roles x hours at the rate card: the effort it was priced on);
 * a Milestone deal carries its milestones too (how it bills). The sandbox does not roll line items up
 * into `Opportunity.Amount`. One Contract per Closed Won deal (the project's `contractId`).
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
  Legal_Entity__c: string;
  Rate_Card__c: string;
  Payment_Terms_Days__c: number;
  Total_Value__c?: number;
  Retainer_Fee__c?: number;
  Retainer_Period__c?: string;
  Retainer_Included_Hours__c?: number;
}

export const MILESTONE_PRODUCT_CODE = 'MILESTONE';
const MILESTONE_PRODUCT_ID = 'SVC-MILESTONE';

/** Major units from minor units (Salesforce currency fields are decimals). */
const major = (minor: number) => minor / 100;

export function seedProducts(firm: DemoFirm): SeedProduct[] {
  return [
    ...firm.roles.map((r) => ({
      External_Id__c: r.itemNumber,
      Name: r.name,
      ProductCode: r.key,
      Family: 'Professional Services',
      QuantityUnitOfMeasure: 'Hour',
      IsActive: true,
    })),
    {
      External_Id__c: MILESTONE_PRODUCT_ID,
      Name: 'Fixed-price milestone',
      ProductCode: MILESTONE_PRODUCT_CODE,
      Family: 'Milestone',
      QuantityUnitOfMeasure: 'Each',
      IsActive: true,
    },
  ];
}

/** Time lines of every deal, then the milestones of Milestone deals. */
export function seedLineItems(firm: DemoFirm): SeedLineItem[] {
  const itemOf = new Map(firm.roles.map((r) => [r.key, r.itemNumber]));
  const items: SeedLineItem[] = [];
  for (const o of firm.opportunities) {
    for (const [i, li] of o.lineItems.entries()) {
      items.push({
        External_Id__c: li.id,
        opportunity: o.id,
        product: itemOf.get(li.role)!,
        Quantity: li.quantityHours,
        UnitPrice: major(li.unitPriceMinor),
        ServiceDate: li.serviceDate,
        Description: li.description,
        SortOrder: i + 1,
      });
    }
    for (const [i, m] of o.milestones.entries()) {
      items.push({
        External_Id__c: m.id,
        opportunity: o.id,
        product: MILESTONE_PRODUCT_ID,
        Quantity: 1,
        UnitPrice: major(m.amountMinor),
        ServiceDate: m.serviceDate,
        Description: m.description,
        SortOrder: 100 + i + 1,
      });
    }
  }
  return items;
}

/** Months of a contract from `start` whose derived end (start + months - 1 day) reaches `end`. */
function termMonths(start: string, end: string): number {
  const [ys, ms, ds] = start.split('-').map(Number);
  const [ye, me, de] = end.split('-').map(Number);
  const months = (ye - ys) * 12 + (me - ms) + (de >= ds ? 1 : 0);
  return Math.max(1, months);
}

const PAYMENT_TERMS = [30, 45, 30, 60];

/** One contract per project (Closed Won deal), with the terms its billing model needs. */
export function seedContracts(firm: DemoFirm): SeedContract[] {
  return firm.projects.map((p, i) => {
    const term = termMonths(p.startDate, p.endDate);
    const contract: SeedContract = {
      External_Id__c: p.contractId,
      account: p.customerId,
      opportunity: p.opportunityId,
      Name: p.name.slice(0, 80),
      Status: p.status === 'completed' ? 'Completed' : 'Activated',
      StartDate: p.startDate,
      ContractTerm: term,
      Billing_Model__c: p.billingModel,
      Legal_Entity__c: p.legalEntity,
      Rate_Card__c: p.rateCardId,
      Payment_Terms_Days__c: PAYMENT_TERMS[i % PAYMENT_TERMS.length],
    };
    if (p.billingModel === 'Fixed_Fee' || p.billingModel === 'Milestone')
      contract.Total_Value__c = major(p.budgetMinor);
    if (p.billingModel === 'Retainer') {
      contract.Retainer_Fee__c = Math.round(p.budgetMinor / term) / 100;
      contract.Retainer_Period__c = 'Monthly';
      contract.Retainer_Included_Hours__c = 40;
    }
    return contract;
  });
}
