import {
  ErpCreditMemoDto,
  ErpCreditMemoInputDto,
  ErpCustomerDto,
  ErpCustomerInputDto,
  ErpEmployeeDto,
  ErpEmployeeInputDto,
  ErpInvoiceDto,
  ErpInvoiceInputDto,
  ErpInvoiceStatus,
  ErpProjectDto,
  ErpProjectInputDto,
  ErpProjectPatchDto,
  ErpTimeBillDto,
  ErpTimeBillInputDto,
  fromMinorUnits,
  money,
  toMinorUnits,
} from '@app/contracts';
import { NetSuiteCustomer, NetSuiteEmployee, NetSuiteInvoice, NetSuiteJob, NetSuiteTimeBill } from './netsuite.types';

/** NetSuite amounts are decimal numbers in the currency's major unit. */
export function toNetSuiteAmount(amountMinor: number, currency: string): number {
  return Number(fromMinorUnits(amountMinor, currency));
}

export function fromNetSuiteAmount(value: number | undefined, currency: string): number {
  return toMinorUnits(value ?? 0, currency, { rounding: 'half-even' });
}

/** "H:MM" or decimal hours -> minutes. */
export function netsuiteHoursToMinutes(hours: string | number): number {
  if (typeof hours === 'number') return Math.round(hours * 60);
  const m = /^(\d+):([0-5]\d)$/.exec(hours.trim());
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  return Math.round(Number(hours) * 60);
}

export function minutesToNetSuiteHours(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Decimal hours with 5 places (NetSuite's quantity precision); minutes come back by rounding. */
export function minutesToQuantity(minutes: number): number {
  return Math.round((minutes / 60) * 100000) / 100000;
}

export function toNetSuiteCustomer(
  input: ErpCustomerInputDto,
  subsidiaryId: string,
  currencyId: string | undefined,
): Record<string, unknown> {
  return {
    companyName: input.name,
    subsidiary: { id: subsidiaryId },
    ...(currencyId ? { currency: { id: currencyId } } : {}),
    ...(input.billingEmail ? { email: input.billingEmail } : {}),
  };
}

export function fromNetSuiteCustomer(
  record: NetSuiteCustomer,
  canonicalId: string,
  legalEntityId: string,
  currency: string,
): ErpCustomerDto {
  return {
    id: canonicalId,
    crossReferences: { netsuite: record.id },
    name: record.companyName,
    legalEntityId,
    currency,
    ...(record.email ? { billingEmail: record.email } : {}),
  };
}

export function toNetSuiteJob(input: ErpProjectInputDto): Record<string, unknown> {
  return {
    companyName: input.name,
    parent: { externalId: input.customerId },
    ...(input.startDate ? { startDate: input.startDate } : {}),
  };
}

export function fromNetSuiteJob(
  record: NetSuiteJob,
  canonicalId: string,
  customerId: string,
  legalEntityId: string,
  currency?: string,
): ErpProjectDto {
  return {
    id: canonicalId,
    crossReferences: { netsuite: record.id },
    name: record.companyName,
    customerId,
    legalEntityId,
    ...(record.startDate ? { startDate: record.startDate } : {}),
    ...(record.projectedEndDate ? { endDate: record.projectedEndDate } : {}),
    ...(currency && record.estimatedRevenue !== undefined && record.estimatedRevenue !== null
      ? { budget: { amountMinor: fromNetSuiteAmount(record.estimatedRevenue, currency), currency } }
      : {}),
    status: record.isInactive ? 'inactive' : 'active',
  };
}

/** A project PATCH as NetSuite job fields (only those present). */
export function toNetSuiteJobPatch(patch: ErpProjectPatchDto): Record<string, unknown> {
  return {
    ...(patch.endDate !== undefined ? { projectedEndDate: patch.endDate } : {}),
    ...(patch.budget !== undefined
      ? { estimatedRevenue: toNetSuiteAmount(patch.budget.amountMinor, patch.budget.currency) }
      : {}),
    ...(patch.status !== undefined ? { isInactive: patch.status === 'inactive' } : {}),
  };
}

/**
 * The employee as NetSuite writes it: the cost rate as `laborCost` (major units of the subsidiary's
 * currency; the caller checked the currency), the termination as `releaseDate` and `isInactive`. Both
 * are always sent so that a return (no termination date, active) clears them on the upsert.
 */
export function toNetSuiteEmployee(input: ErpEmployeeInputDto, subsidiaryId: string): Record<string, unknown> {
  return {
    firstName: input.givenName,
    lastName: input.familyName,
    subsidiary: { id: subsidiaryId },
    ...(input.email ? { email: input.email } : {}),
    ...(input.jobTitle ? { title: input.jobTitle } : {}),
    ...(input.costRate ? { laborCost: toNetSuiteAmount(input.costRate.amountMinor, input.costRate.currency) } : {}),
    ...(input.hireDate ? { hireDate: input.hireDate } : {}),
    releaseDate: input.terminationDate ?? null,
    isInactive: input.active === false,
  };
}

export function fromNetSuiteEmployee(
  record: NetSuiteEmployee,
  canonicalId: string,
  legalEntityId: string,
  currency?: string,
): ErpEmployeeDto {
  return {
    id: canonicalId,
    crossReferences: { netsuite: record.id },
    givenName: record.firstName,
    familyName: record.lastName,
    legalEntityId,
    ...(record.email ? { email: record.email } : {}),
    ...(record.title ? { jobTitle: record.title } : {}),
    ...(record.laborCost !== undefined && record.laborCost !== null && currency
      ? { costRate: { amountMinor: fromNetSuiteAmount(record.laborCost, currency), currency } }
      : {}),
    ...(record.hireDate ? { hireDate: record.hireDate } : {}),
    ...(record.releaseDate ? { terminationDate: record.releaseDate } : {}),
    active: record.isInactive !== true,
  };
}

export function toNetSuiteTimeBill(input: ErpTimeBillInputDto, itemId: string): Record<string, unknown> {
  return {
    employee: { externalId: input.workerId },
    customer: { externalId: input.projectId },
    item: { id: itemId },
    tranDate: input.date,
    hours: minutesToNetSuiteHours(input.minutes),
    isBillable: input.billable,
    ...(input.description ? { memo: input.description } : {}),
  };
}

export function fromNetSuiteTimeBill(
  record: NetSuiteTimeBill,
  ids: { id: string; workerId: string; projectId: string; role: string },
): ErpTimeBillDto {
  return {
    id: ids.id,
    crossReferences: { netsuite: record.id },
    workerId: ids.workerId,
    projectId: ids.projectId,
    date: record.tranDate,
    minutes: netsuiteHoursToMinutes(record.hours),
    role: ids.role,
    billable: record.isBillable ?? true,
    ...(record.memo ? { description: record.memo } : {}),
  };
}

export function toNetSuiteInvoice(input: ErpInvoiceInputDto, itemIds: string[]): Record<string, unknown> {
  return {
    entity: { externalId: input.customerId },
    ...(input.projectId ? { job: { externalId: input.projectId } } : {}),
    tranDate: input.issueDate,
    dueDate: input.dueDate,
    item: {
      items: input.lines.map((line, i) => ({
        item: { id: itemIds[i] },
        description: line.description,
        quantity: minutesToQuantity(line.quantityMinutes),
        rate: toNetSuiteAmount(line.unitPrice.amountMinor, line.unitPrice.currency),
        amount: toNetSuiteAmount(line.amount.amountMinor, line.amount.currency),
      })),
    },
  };
}

const STATUS: Record<string, ErpInvoiceStatus> = {
  'Pending Approval': 'draft',
  Rejected: 'draft',
  Open: 'posted',
  'Paid In Full': 'paid',
  Voided: 'void',
};

export function netsuiteInvoiceStatus(status: string | undefined): ErpInvoiceStatus {
  return STATUS[status ?? ''] ?? 'draft';
}

export function fromNetSuiteInvoice(
  record: NetSuiteInvoice,
  ctx: { id: string; customerId: string; projectId?: string; legalEntityId: string; currency: string; roles: string[] },
): ErpInvoiceDto {
  const c = ctx.currency;
  const lines = (record.item.items ?? []).map((line, i) => ({
    description: line.description ?? '',
    role: ctx.roles[i],
    quantityMinutes: Math.round((line.quantity ?? 0) * 60),
    unitPrice: money(fromNetSuiteAmount(line.rate, c), c),
    amount: money(fromNetSuiteAmount(line.amount, c), c),
  }));
  const total = fromNetSuiteAmount(record.total, c);
  const tax = fromNetSuiteAmount(record.taxTotal, c);
  const remaining = record.amountRemaining === undefined ? total : fromNetSuiteAmount(record.amountRemaining, c);
  return {
    id: ctx.id,
    crossReferences: { netsuite: record.id },
    number: record.tranId,
    customerId: ctx.customerId,
    ...(ctx.projectId ? { projectId: ctx.projectId } : {}),
    legalEntityId: ctx.legalEntityId,
    currency: c,
    issueDate: record.tranDate,
    ...(record.dueDate ? { dueDate: record.dueDate } : {}),
    status: netsuiteInvoiceStatus(record.status),
    lines,
    subtotal: money(total - tax, c),
    tax: money(tax, c),
    total: money(total, c),
    amountPaid: money(total - remaining, c),
    amountDue: money(remaining, c),
  };
}

export function toNetSuiteCreditMemo(
  input: ErpCreditMemoInputDto,
  customerId: string,
  itemIds: string[],
): Record<string, unknown> {
  return {
    entity: { externalId: customerId },
    createdFrom: { externalId: input.invoiceId },
    tranDate: input.issueDate,
    item: {
      items: input.lines.map((line, i) => ({
        item: { id: itemIds[i] },
        description: line.description,
        quantity: minutesToQuantity(line.quantityMinutes),
        rate: toNetSuiteAmount(line.unitPrice.amountMinor, line.unitPrice.currency),
        amount: toNetSuiteAmount(line.amount.amountMinor, line.amount.currency),
      })),
    },
  };
}

export function fromNetSuiteCreditMemo(
  record: NetSuiteInvoice,
  ctx: { id: string; invoiceId: string; customerId: string; legalEntityId: string; currency: string; roles: string[] },
): ErpCreditMemoDto {
  const c = ctx.currency;
  return {
    id: ctx.id,
    crossReferences: { netsuite: record.id },
    number: record.tranId,
    invoiceId: ctx.invoiceId,
    customerId: ctx.customerId,
    legalEntityId: ctx.legalEntityId,
    currency: c,
    issueDate: record.tranDate,
    status: 'posted',
    lines: (record.item.items ?? []).map((line, i) => ({
      description: line.description ?? '',
      role: ctx.roles[i],
      quantityMinutes: Math.round((line.quantity ?? 0) * 60),
      unitPrice: money(fromNetSuiteAmount(line.rate, c), c),
      amount: money(fromNetSuiteAmount(line.amount, c), c),
    })),
    total: money(fromNetSuiteAmount(record.total, c), c),
  };
}
