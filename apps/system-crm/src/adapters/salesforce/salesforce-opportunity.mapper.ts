import {
  BillingModel,
  fromMinorUnits,
  isCurrencyCode,
  OpportunityDto,
  OpportunityStage,
  SystemNames,
  toMinorUnits,
} from '@app/contracts';
import { SalesforceOpportunityRecord } from './salesforce.types';

/**
 * Salesforce Opportunity <-> canonical Opportunity. Pure functions, no I/O.
 *
 * - id: the canonical id is the firm's `External_Id__c`; a record without one is known by its
 *   Salesforce id. `crossReferences.salesforce` always holds the Salesforce id.
 * - stage: IsWon/IsClosed decide closed-won/closed-lost (so an org's own closing stages map right);
 *   open stages map by name (Salesforce's standard sales process), an unknown open stage to
 *   `prospecting`.
 * - money: `Amount`/`Budget__c` are decimals in major units in `CurrencyIsoCode`; they become integer
 *   minor units by decimal-string arithmetic (never float maths), half-even beyond the currency's
 *   decimals. A multi-currency org always sends CurrencyIsoCode; otherwise the org currency is used.
 */

/** Fields system-crm selects (SOQL) for an opportunity. */
export const SALESFORCE_OPPORTUNITY_FIELDS = [
  'Id',
  'Name',
  'AccountId',
  'Account.External_Id__c',
  'StageName',
  'IsWon',
  'IsClosed',
  'Amount',
  'CurrencyIsoCode',
  'CloseDate',
  'External_Id__c',
  'Legal_Entity__c',
  'Billing_Model__c',
  'Rate_Card__c',
  'Tax_Profile__c',
  'Start_Date__c',
  'End_Date__c',
  'Budget__c',
  'Project_Code__c',
  'LastModifiedDate',
] as const;

/** Salesforce's standard open stages by canonical stage. */
const OPEN_STAGES: Record<Exclude<OpportunityStage, 'closed-won' | 'closed-lost'>, readonly string[]> = {
  prospecting: ['Prospecting'],
  qualification: ['Qualification', 'Needs Analysis'],
  proposal: ['Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote'],
  negotiation: ['Negotiation/Review'],
};

/** The stage name written to Salesforce for a canonical stage. */
const STAGE_NAME_FOR: Record<OpportunityStage, string> = {
  prospecting: 'Prospecting',
  qualification: 'Qualification',
  proposal: 'Proposal/Price Quote',
  negotiation: 'Negotiation/Review',
  'closed-won': 'Closed Won',
  'closed-lost': 'Closed Lost',
};

const STAGE_BY_NAME = new Map<string, OpportunityStage>([
  ...Object.entries(OPEN_STAGES).flatMap(([stage, names]) =>
    names.map((n) => [n.toLowerCase(), stage as OpportunityStage] as const),
  ),
  ['closed won', 'closed-won'],
  ['closed lost', 'closed-lost'],
]);

const BILLING_MODEL_BY_PICKLIST: Record<string, BillingModel> = {
  Time_and_Materials: 'time-and-materials',
  Fixed_Fee: 'fixed-fee',
  Milestone: 'milestone',
  Retainer: 'retainer',
};
const PICKLIST_BY_BILLING_MODEL: Record<BillingModel, string> = {
  'time-and-materials': 'Time_and_Materials',
  'fixed-fee': 'Fixed_Fee',
  milestone: 'Milestone',
  retainer: 'Retainer',
};

/** A Salesforce value the canonical model cannot represent (unknown currency, bad date...). */
export class SalesforceMappingError extends Error {
  constructor(
    readonly recordId: string,
    message: string,
    sobject = 'Opportunity',
  ) {
    super(`${sobject} ${recordId}: ${message}`);
    this.name = 'SalesforceMappingError';
  }
}

export function toCanonicalStage(
  stageName: string | null | undefined,
  isWon?: boolean,
  isClosed?: boolean,
): OpportunityStage {
  if (isWon === true) return 'closed-won';
  if (isClosed === true) return 'closed-lost';
  const byName = stageName ? STAGE_BY_NAME.get(stageName.trim().toLowerCase()) : undefined;
  return byName ?? 'prospecting';
}

export function toSalesforceStageName(stage: OpportunityStage): string {
  return STAGE_NAME_FOR[stage];
}

/** Quotes a SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A SOQL condition selecting the opportunities that map to `stage` (the mapping's exact inverse
 * for Salesforce's standard stages; `prospecting` also takes unknown open stages).
 */
export function stageCondition(stage: OpportunityStage): string {
  switch (stage) {
    case 'closed-won':
      return 'IsWon = true';
    case 'closed-lost':
      return '(IsClosed = true AND IsWon = false)';
    case 'prospecting': {
      const others = Object.entries(OPEN_STAGES)
        .filter(([s]) => s !== 'prospecting')
        .flatMap(([, names]) => names);
      return `(IsClosed = false AND StageName NOT IN (${others.map(soqlString).join(', ')}))`;
    }
    default:
      return `(IsClosed = false AND StageName IN (${OPEN_STAGES[stage].map(soqlString).join(', ')}))`;
  }
}

/** `2024-01-31T10:00:00.000+0000` (or any ISO-8601 offset) -> `2024-01-31T10:00:00.000Z`. */
export function salesforceDateTimeToIso(value: string): string {
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(normalised);
  if (Number.isNaN(t)) throw new Error(`not a Salesforce datetime: ${value}`);
  return new Date(t).toISOString();
}

/** A SOQL datetime literal (UTC, second precision, like Salesforce's own timestamps). */
export function soqlDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function optional<T>(value: T | null | undefined): T | undefined {
  return value === null || value === undefined || (value as unknown) === '' ? undefined : value;
}

function money(recordId: string, field: string, value: number | null | undefined, currency: string) {
  if (value === null || value === undefined) return undefined;
  try {
    return { amountMinor: toMinorUnits(value, currency, { rounding: 'half-even' }), currency };
  } catch (e) {
    throw new SalesforceMappingError(recordId, `${field} ${String(value)} ${currency}: ${(e as Error).message}`);
  }
}

/** The canonical opportunity of a Salesforce record. */
export function toCanonicalOpportunity(record: SalesforceOpportunityRecord, orgCurrency = 'USD'): OpportunityDto {
  const currency = record.CurrencyIsoCode ?? orgCurrency;
  if (!isCurrencyCode(currency))
    throw new SalesforceMappingError(record.Id, `unsupported currency ${String(currency)}`);
  let updatedAt: string;
  try {
    updatedAt = salesforceDateTimeToIso(record.LastModifiedDate);
  } catch (e) {
    throw new SalesforceMappingError(record.Id, (e as Error).message);
  }
  const billingModel = record.Billing_Model__c ? BILLING_MODEL_BY_PICKLIST[record.Billing_Model__c] : undefined;
  const dto: OpportunityDto = {
    id: optional(record.External_Id__c) ?? record.Id,
    crossReferences: { [SystemNames.Salesforce]: record.Id },
    updatedAt,
    name: record.Name,
    accountId: optional(record.Account?.External_Id__c) ?? optional(record.AccountId),
    stage: toCanonicalStage(record.StageName, record.IsWon, record.IsClosed),
    amount: money(record.Id, 'Amount', record.Amount, currency),
    closeDate: record.CloseDate,
    legalEntity: optional(record.Legal_Entity__c),
    billingModel,
    rateCardId: optional(record.Rate_Card__c),
    taxProfile: optional(record.Tax_Profile__c),
    startDate: optional(record.Start_Date__c),
    endDate: optional(record.End_Date__c),
    budget: money(record.Id, 'Budget__c', record.Budget__c, currency),
    projectCode: optional(record.Project_Code__c),
  };
  for (const key of Object.keys(dto) as Array<keyof OpportunityDto>) if (dto[key] === undefined) delete dto[key];
  return dto;
}

/** A decimal amount for Salesforce from canonical minor units (exact: via the decimal string). */
function toSalesforceAmount(amountMinor: number, currency: string): number {
  return Number(fromMinorUnits(amountMinor, currency));
}

/** Salesforce Opportunity field -> canonical field (for errors naming the offending field). */
export const OPPORTUNITY_FIELD_MAP: Readonly<Record<string, string>> = {
  External_Id__c: 'id',
  Name: 'name',
  AccountId: 'accountId',
  StageName: 'stage',
  CloseDate: 'closeDate',
  Amount: 'amount',
  CurrencyIsoCode: 'amount.currency',
  Budget__c: 'budget',
  Legal_Entity__c: 'legalEntity',
  Billing_Model__c: 'billingModel',
  Rate_Card__c: 'rateCardId',
  Tax_Profile__c: 'taxProfile',
  Start_Date__c: 'startDate',
  End_Date__c: 'endDate',
  Project_Code__c: 'projectCode',
};

/** Canonical fields a full write (`replace`) clears when left out, with their Salesforce field. */
const CLEARED_WHEN_ABSENT: ReadonlyArray<[keyof OpportunityDto, string]> = [
  ['amount', 'Amount'],
  ['budget', 'Budget__c'],
  ['legalEntity', 'Legal_Entity__c'],
  ['billingModel', 'Billing_Model__c'],
  ['rateCardId', 'Rate_Card__c'],
  ['taxProfile', 'Tax_Profile__c'],
  ['startDate', 'Start_Date__c'],
  ['endDate', 'End_Date__c'],
];

/**
 * The Salesforce fields for a (partial) canonical opportunity: what a create/update body holds.
 * Only the fields present in `dto` are written; ids and derived fields (IsWon...) never are.
 * `accountId` is left out: it is a canonical id and needs a lookup to become a Salesforce id.
 * The record's currency is the amount's, else the budget's. With `replace` (a full write, PUT), the
 * optional fields left out are cleared (null); `projectCode` is never cleared (delivery owns it).
 */
export function toSalesforceOpportunity(
  dto: Partial<OpportunityDto>,
  options: { replace?: boolean } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.replace) for (const [key, field] of CLEARED_WHEN_ABSENT) if (dto[key] === undefined) out[field] = null;
  if (dto.name !== undefined) out.Name = dto.name;
  if (dto.stage !== undefined) out.StageName = toSalesforceStageName(dto.stage);
  if (dto.closeDate !== undefined) out.CloseDate = dto.closeDate;
  if (dto.amount !== undefined) {
    out.Amount = toSalesforceAmount(dto.amount.amountMinor, dto.amount.currency);
    out.CurrencyIsoCode = dto.amount.currency;
  }
  if (dto.budget !== undefined) {
    out.Budget__c = toSalesforceAmount(dto.budget.amountMinor, dto.budget.currency);
    out.CurrencyIsoCode ??= dto.budget.currency;
  }
  if (dto.legalEntity !== undefined) out.Legal_Entity__c = dto.legalEntity;
  if (dto.billingModel !== undefined) out.Billing_Model__c = PICKLIST_BY_BILLING_MODEL[dto.billingModel];
  if (dto.rateCardId !== undefined) out.Rate_Card__c = dto.rateCardId;
  if (dto.taxProfile !== undefined) out.Tax_Profile__c = dto.taxProfile;
  if (dto.startDate !== undefined) out.Start_Date__c = dto.startDate;
  if (dto.endDate !== undefined) out.End_Date__c = dto.endDate;
  if (dto.projectCode !== undefined) out.Project_Code__c = dto.projectCode;
  return out;
}
