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
  ErpProjectPatchDto,
  MoneyDto,
  ErpTimeBillDto,
  ErpTimeBillInputDto,
  fromMinorUnits,
  money,
  toMinorUnits,
} from '@app/contracts';
import { createHash } from 'node:crypto';
import { BcCustomer, BcEmployee, BcInvoice, BcInvoiceLine, BcProject, BcTimeEntry } from './business-central.types';

export const VENDOR = 'business-central';

/**
 * The deterministic BC number (Code[20]) of a canonical id: a prefix and 18 hex digits of its
 * SHA-256, so a retried create finds the record it may already have made.
 */
export function bcNumberFor(prefix: 'C' | 'J' | 'E', canonicalId: string): string {
  return `${prefix}${createHash('sha256').update(canonicalId).digest('hex').slice(0, 18).toUpperCase()}`;
}

/** externalDocumentNumber (Code[35]) of an invoice: the canonical id, or a digest when longer. */
export function bcExternalDocumentNumber(canonicalId: string): string {
  return canonicalId.length <= 35
    ? canonicalId
    : `X${createHash('sha256').update(canonicalId).digest('hex').slice(0, 34).toUpperCase()}`;
}

/** OData string literal. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function toBcAmount(amountMinor: number, currency: string): number {
  return Number(fromMinorUnits(amountMinor, currency));
}

export function fromBcAmount(value: number | undefined, currency: string): number {
  return toMinorUnits(value ?? 0, currency, { rounding: 'half-even' });
}

/** Hours with 5 decimals (BC's quantity precision). */
export function minutesToBcQuantity(minutes: number): number {
  return Math.round((minutes / 60) * 100000) / 100000;
}

/** A blank currency code is the company's local currency (LCY). */
export function toBcCurrencyCode(currency: string | undefined, localCurrency: string): string {
  return !currency || currency === localCurrency ? '' : currency;
}

export function toBcCustomer(input: ErpCustomerInputDto, localCurrency: string): Record<string, unknown> {
  return {
    displayName: input.name,
    email: input.billingEmail ?? '',
    currencyCode: toBcCurrencyCode(input.currency, localCurrency),
  };
}

export function fromBcCustomer(
  record: BcCustomer,
  ctx: { id: string; legalEntityId: string; localCurrency: string },
): ErpCustomerDto {
  return {
    id: ctx.id,
    crossReferences: { [VENDOR]: record.id },
    name: record.displayName,
    legalEntityId: ctx.legalEntityId,
    currency: record.currencyCode || ctx.localCurrency,
    ...(record.email ? { billingEmail: record.email } : {}),
  };
}

/** BC's projects have a number and a name only: customer and start date live in the cross-reference. */
export function fromBcProject(
  record: BcProject,
  ctx: { id: string; customerId: string; legalEntityId: string; startDate?: string; budget?: MoneyDto },
): ErpProjectDto {
  return {
    id: ctx.id,
    crossReferences: { [VENDOR]: record.id },
    name: record.displayName,
    customerId: ctx.customerId,
    legalEntityId: ctx.legalEntityId,
    ...(ctx.startDate ? { startDate: ctx.startDate } : {}),
    ...(record.endingDate ? { endDate: record.endingDate } : {}),
    ...(ctx.budget ? { budget: ctx.budget } : {}),
    status: record.blocked === 'All' ? 'inactive' : 'active',
  };
}

/** A project PATCH as Job fields (`endingDate`, `blocked`); the budget is not a Job field. */
export function toBcProjectPatch(patch: ErpProjectPatchDto): Record<string, unknown> {
  return {
    ...(patch.endDate !== undefined ? { endingDate: patch.endDate } : {}),
    ...(patch.status !== undefined ? { blocked: patch.status === 'inactive' ? 'All' : ' ' } : {}),
  };
}

/** Business Central's blank date (a date field without a value). */
export const BC_BLANK_DATE = '0001-01-01';

/**
 * The employee as BC writes it: `employmentDate`, `terminationDate` (blank when not terminated) and
 * `status` (`Terminated` with a termination date and inactive, `Inactive` without one, else `Active`).
 * BC API v2.0 employees carry no cost: the cost rate is not written (a person's unit cost sits on the
 * Resource card, which the standard API does not write).
 */
export function toBcEmployee(input: ErpEmployeeInputDto): Record<string, unknown> {
  const status = input.active === false ? (input.terminationDate ? 'Terminated' : 'Inactive') : 'Active';
  return {
    givenName: input.givenName,
    surname: input.familyName,
    email: input.email ?? '',
    jobTitle: input.jobTitle ?? '',
    ...(input.hireDate ? { employmentDate: input.hireDate } : {}),
    terminationDate: input.terminationDate ?? BC_BLANK_DATE,
    status,
  };
}

export function fromBcEmployee(record: BcEmployee, ctx: { id: string; legalEntityId: string }): ErpEmployeeDto {
  const date = (value: string | null | undefined) => (value && value !== BC_BLANK_DATE ? value : undefined);
  const hireDate = date(record.employmentDate);
  const terminationDate = date(record.terminationDate);
  return {
    id: ctx.id,
    crossReferences: { [VENDOR]: record.id },
    givenName: record.givenName,
    familyName: record.surname,
    legalEntityId: ctx.legalEntityId,
    ...(record.email ? { email: record.email } : {}),
    ...(record.jobTitle ? { jobTitle: record.jobTitle } : {}),
    ...(hireDate ? { hireDate } : {}),
    ...(terminationDate ? { terminationDate } : {}),
    active: (record.status ?? 'Active') === 'Active',
  };
}

export function toBcTimeEntry(input: ErpTimeBillInputDto, employeeId: string, jobId: string): Record<string, unknown> {
  return { employeeId, jobId, date: input.date, quantity: minutesToBcQuantity(input.minutes) };
}

/** Role, billable flag and description have no field on a BC time registration entry: they come from the cross-reference. */
export function fromBcTimeEntry(
  record: BcTimeEntry,
  ctx: { id: string; workerId: string; projectId: string; role: string; billable: boolean; description?: string },
): ErpTimeBillDto {
  return {
    id: ctx.id,
    crossReferences: { [VENDOR]: record.id },
    workerId: ctx.workerId,
    projectId: ctx.projectId,
    date: record.date,
    minutes: Math.round(record.quantity * 60),
    role: ctx.role,
    billable: ctx.billable,
    ...(ctx.description ? { description: ctx.description } : {}),
  };
}

export function toBcInvoice(
  input: ErpInvoiceInputDto,
  customerId: string,
  itemNumbers: string[],
): Record<string, unknown> {
  return {
    customerId,
    externalDocumentNumber: bcExternalDocumentNumber(input.id),
    invoiceDate: input.issueDate,
    dueDate: input.dueDate,
    salesInvoiceLines: input.lines.map((line, i) => ({
      lineType: 'Item',
      lineObjectNumber: itemNumbers[i],
      description: line.description,
      quantity: minutesToBcQuantity(line.quantityMinutes),
      unitPrice: toBcAmount(line.unitPrice.amountMinor, line.unitPrice.currency),
    })),
  };
}

const STATUS: Record<string, ErpInvoiceStatus> = {
  Draft: 'draft',
  'In Review': 'draft',
  Open: 'posted',
  Paid: 'paid',
  Canceled: 'void',
  Corrective: 'void',
};

export function bcInvoiceStatus(status: string): ErpInvoiceStatus {
  return STATUS[status] ?? 'draft';
}

export function fromBcInvoice(
  record: BcInvoice,
  lines: BcInvoiceLine[],
  ctx: { id: string; customerId: string; projectId?: string; legalEntityId: string; currency: string; roles: string[] },
): ErpInvoiceDto {
  const c = ctx.currency;
  const total = fromBcAmount(record.totalAmountIncludingTax, c);
  const remaining = fromBcAmount(record.remainingAmount, c);
  const status = bcInvoiceStatus(record.status);
  // A draft has no receivable yet: BC reports its remaining amount as the total.
  const due = status === 'void' ? 0 : remaining;
  return {
    id: ctx.id,
    crossReferences: { [VENDOR]: record.id },
    number: record.number,
    customerId: ctx.customerId,
    ...(ctx.projectId ? { projectId: ctx.projectId } : {}),
    legalEntityId: ctx.legalEntityId,
    currency: c,
    issueDate: record.invoiceDate,
    ...(record.dueDate ? { dueDate: record.dueDate } : {}),
    status,
    lines: [...lines]
      .sort((a, b) => a.sequence - b.sequence)
      .map((line, i) => ({
        description: line.description ?? '',
        role: ctx.roles[i],
        quantityMinutes: Math.round(line.quantity * 60),
        unitPrice: money(fromBcAmount(line.unitPrice, c), c),
        amount: money(fromBcAmount(line.amountExcludingTax, c), c),
      })),
    subtotal: money(fromBcAmount(record.totalAmountExcludingTax, c), c),
    tax: money(fromBcAmount(record.totalTaxAmount, c), c),
    total: money(total, c),
    amountPaid: money(status === 'void' ? 0 : total - remaining, c),
    amountDue: money(due, c),
  };
}

export function toBcCreditMemo(
  input: ErpCreditMemoInputDto,
  customerId: string,
  invoiceId: string,
  itemNumbers: string[],
): Record<string, unknown> {
  return {
    customerId,
    invoiceId,
    externalDocumentNumber: bcExternalDocumentNumber(input.id),
    creditMemoDate: input.issueDate,
    salesCreditMemoLines: input.lines.map((line, i) => ({
      lineType: 'Item',
      lineObjectNumber: itemNumbers[i],
      description: line.description,
      quantity: minutesToBcQuantity(line.quantityMinutes),
      unitPrice: toBcAmount(line.unitPrice.amountMinor, line.unitPrice.currency),
    })),
  };
}

export function fromBcCreditMemo(
  record: BcInvoice & { creditMemoDate: string },
  lines: BcInvoiceLine[],
  ctx: { id: string; invoiceId: string; customerId: string; legalEntityId: string; currency: string; roles: string[] },
): ErpCreditMemoDto {
  const c = ctx.currency;
  return {
    id: ctx.id,
    crossReferences: { [VENDOR]: record.id },
    number: record.number,
    invoiceId: ctx.invoiceId,
    customerId: ctx.customerId,
    legalEntityId: ctx.legalEntityId,
    currency: c,
    issueDate: record.creditMemoDate,
    status: bcInvoiceStatus(record.status),
    lines: [...lines]
      .sort((a, b) => a.sequence - b.sequence)
      .map((line, i) => ({
        description: line.description ?? '',
        role: ctx.roles[i],
        quantityMinutes: Math.round(line.quantity * 60),
        unitPrice: money(fromBcAmount(line.unitPrice, c), c),
        amount: money(fromBcAmount(line.amountExcludingTax, c), c),
      })),
    total: money(fromBcAmount(record.totalAmountIncludingTax, c), c),
  };
}
