import {
  BillingModel,
  ContractDto,
  ContractStatus,
  ContractWriteDto,
  fromMinorUnits,
  isCurrencyCode,
  RetainerPeriod,
  SystemNames,
  toMinorUnits,
} from '@app/contracts';
import { salesforceDateTimeToIso, SalesforceMappingError } from './salesforce-opportunity.mapper';
import { SalesforceContractRecord } from './salesforce.types';

/**
 * Salesforce Contract <-> canonical Contract. Pure, no I/O.
 *
 * - id: `External_Id__c`, else the Salesforce id; customerId / opportunityId: the account's and the
 *   opportunity's external ids (else their Salesforce ids).
 * - legalEntityId: `Legal_Entity__c`, else the account's; paymentTermsDays: `Payment_Terms_Days__c`,
 *   else the configured default (SALESFORCE_DEFAULT_PAYMENT_TERMS_DAYS).
 * - status: Draft and In Approval Process -> draft, Activated -> active, Suspended, Completed,
 *   Terminated -> themselves.
 * - end date: Salesforce derives `EndDate` = `StartDate` + `ContractTerm` months - 1 day and does not
 *   let it be written; a canonical end date is written as the `ContractTerm` that yields it, and one
 *   no whole number of months yields is refused (ContractTermError).
 * - retainer: `Retainer_Fee__c` per `Retainer_Period__c`, `Retainer_Included_Hours__c` -> minutes.
 * - amendments: Salesforce's Contract has none; always `[]`.
 */
export const SALESFORCE_CONTRACT_FIELDS = [
  'Id',
  'External_Id__c',
  'Name',
  'AccountId',
  'Account.External_Id__c',
  'Account.Legal_Entity__c',
  'Opportunity__c',
  'Opportunity__r.External_Id__c',
  'Status',
  'StartDate',
  'ContractTerm',
  'EndDate',
  'CurrencyIsoCode',
  'Legal_Entity__c',
  'Billing_Model__c',
  'Rate_Card__c',
  'Payment_Terms_Days__c',
  'Total_Value__c',
  'Retainer_Fee__c',
  'Retainer_Period__c',
  'Retainer_Included_Hours__c',
  'LastModifiedDate',
] as const;

/** Salesforce Contract field -> canonical field (for errors naming the offending field). */
export const CONTRACT_FIELD_MAP: Readonly<Record<string, string>> = {
  External_Id__c: 'id',
  Name: 'name',
  AccountId: 'customerId',
  Opportunity__c: 'opportunityId',
  Status: 'status',
  StartDate: 'startDate',
  ContractTerm: 'endDate',
  EndDate: 'endDate',
  CurrencyIsoCode: 'currency',
  Legal_Entity__c: 'legalEntityId',
  Billing_Model__c: 'billingModel',
  Rate_Card__c: 'rateCardId',
  Payment_Terms_Days__c: 'paymentTermsDays',
  Total_Value__c: 'totalValue',
  Retainer_Fee__c: 'retainer.fee',
  Retainer_Period__c: 'retainer.period',
  Retainer_Included_Hours__c: 'retainer.includedMinutes',
};

const STATUS_BY_SALESFORCE: Record<string, ContractStatus> = {
  Draft: 'draft',
  'In Approval Process': 'draft',
  Activated: 'active',
  Suspended: 'suspended',
  Completed: 'completed',
  Terminated: 'terminated',
  Expired: 'completed',
};
const SALESFORCE_STATUS: Record<ContractStatus, string> = {
  draft: 'Draft',
  active: 'Activated',
  suspended: 'Suspended',
  completed: 'Completed',
  terminated: 'Terminated',
};
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
const PERIOD_BY_PICKLIST: Record<string, RetainerPeriod> = {
  Monthly: 'monthly',
  Quarterly: 'quarterly',
  Annual: 'annual',
};
const PICKLIST_BY_PERIOD: Record<RetainerPeriod, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Annual',
};

/** A canonical end date Salesforce cannot hold (not StartDate + whole months - 1 day). */
export class ContractTermError extends Error {
  constructor(
    readonly startDate: string,
    readonly endDate: string,
  ) {
    super(
      `Salesforce contracts run whole months: an end date of ${endDate} is not ${startDate} plus a whole number of months minus one day`,
    );
    this.name = 'ContractTermError';
  }
}

export interface ContractMappingOptions {
  orgCurrency?: string;
  defaultPaymentTermsDays?: number;
}

function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/** Salesforce's derived EndDate: `start` + `months` - 1 day (clamped to the month's end). */
export function contractEndDate(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** The `ContractTerm` (months) whose derived end date is `end`; ContractTermError when none is. */
export function contractTermFor(start: string, end: string): number {
  const [ys, ms] = start.split('-').map(Number);
  const [ye, me] = end.split('-').map(Number);
  const guess = (ye - ys) * 12 + (me - ms);
  for (const months of [guess, guess + 1]) {
    if (months >= 1 && contractEndDate(start, months) === end) return months;
  }
  throw new ContractTermError(start, end);
}

function toMoney(recordId: string, field: string, value: number | null | undefined, currency: string) {
  if (value === null || value === undefined) return undefined;
  try {
    return { amountMinor: toMinorUnits(value, currency, { rounding: 'half-even' }), currency };
  } catch (e) {
    throw new SalesforceMappingError(
      recordId,
      `${field} ${String(value)} ${currency}: ${(e as Error).message}`,
      'Contract',
    );
  }
}

/** The canonical contract of a Salesforce record. */
export function toCanonicalContract(
  record: SalesforceContractRecord,
  options: ContractMappingOptions = {},
): ContractDto {
  const fail = (message: string) => new SalesforceMappingError(record.Id, message, 'Contract');
  const currency = record.CurrencyIsoCode ?? options.orgCurrency ?? 'USD';
  if (!isCurrencyCode(currency)) throw fail(`unsupported currency ${String(currency)}`);
  let updatedAt: string;
  try {
    updatedAt = salesforceDateTimeToIso(record.LastModifiedDate);
  } catch (e) {
    throw fail((e as Error).message);
  }
  const status = STATUS_BY_SALESFORCE[record.Status];
  if (!status) throw fail(`unknown Status ${record.Status}`);
  const billingModel = record.Billing_Model__c ? BILLING_MODEL_BY_PICKLIST[record.Billing_Model__c] : undefined;
  if (!billingModel) throw fail(`no billing model (Billing_Model__c ${String(record.Billing_Model__c)})`);
  const legalEntityId = present(record.Legal_Entity__c) ?? present(record.Account?.Legal_Entity__c);
  if (!legalEntityId) throw fail('no legal entity on the contract or its account');
  if (!present(record.StartDate)) throw fail('no StartDate');
  const paymentTermsDays = record.Payment_Terms_Days__c ?? options.defaultPaymentTermsDays ?? 30;
  const dto: ContractDto = {
    id: present(record.External_Id__c) ?? record.Id,
    crossReferences: { [SystemNames.Salesforce]: record.Id },
    updatedAt,
    name: present(record.Name) ?? `Contract ${record.Id}`,
    customerId: present(record.Account?.External_Id__c) ?? record.AccountId,
    legalEntityId,
    opportunityId: present(record.Opportunity__r?.External_Id__c) ?? present(record.Opportunity__c),
    billingModel,
    status,
    currency,
    startDate: record.StartDate!,
    endDate: present(record.EndDate),
    rateCardId: present(record.Rate_Card__c),
    totalValue: toMoney(record.Id, 'Total_Value__c', record.Total_Value__c, currency),
    paymentTermsDays,
    amendments: [],
  };
  const fee = toMoney(record.Id, 'Retainer_Fee__c', record.Retainer_Fee__c, currency);
  const period = record.Retainer_Period__c ? PERIOD_BY_PICKLIST[record.Retainer_Period__c] : undefined;
  if (fee && period) {
    dto.retainer = { fee, period };
    if (record.Retainer_Included_Hours__c !== null && record.Retainer_Included_Hours__c !== undefined) {
      dto.retainer.includedMinutes = Math.round((Math.round(record.Retainer_Included_Hours__c * 100) * 60) / 100);
    }
  }
  for (const key of Object.keys(dto) as Array<keyof ContractDto>) if (dto[key] === undefined) delete dto[key];
  return dto;
}

/**
 * The Salesforce fields of a canonical contract write (an upsert body: everything but the external
 * id, `AccountId` and `Opportunity__c`, which need lookups). Optional fields left out are cleared
 * (`null`): the body states the whole contract.
 */
export function toSalesforceContract(dto: ContractWriteDto): Record<string, unknown> {
  const amount = (value: { amountMinor: number; currency: string } | undefined) =>
    value ? Number(fromMinorUnits(value.amountMinor, value.currency)) : null;
  return {
    Name: dto.name,
    Status: SALESFORCE_STATUS[dto.status],
    StartDate: dto.startDate,
    ContractTerm: dto.endDate ? contractTermFor(dto.startDate, dto.endDate) : null,
    CurrencyIsoCode: dto.currency,
    Legal_Entity__c: dto.legalEntityId,
    Billing_Model__c: PICKLIST_BY_BILLING_MODEL[dto.billingModel],
    Rate_Card__c: dto.rateCardId ?? null,
    Payment_Terms_Days__c: dto.paymentTermsDays,
    Total_Value__c: amount(dto.totalValue),
    Retainer_Fee__c: amount(dto.retainer?.fee),
    Retainer_Period__c: dto.retainer ? PICKLIST_BY_PERIOD[dto.retainer.period] : null,
    Retainer_Included_Hours__c:
      dto.retainer?.includedMinutes !== undefined ? Math.round((dto.retainer.includedMinutes / 60) * 100) / 100 : null,
  };
}
