import { isCurrencyCode, isIsoDate, SystemNames, toMinorUnits, WorkerStatus } from '@app/contracts';
import type { HrisWorker } from '../hris-adapter';
import type { WorkdayReportRow, WorkdayWorkerSummary } from './workday.types';

/**
 * Workday worker report row (+ REST summary) -> HrisWorker. Pure functions, no I/O.
 *
 * - id and employeeNumber: `Employee_ID`; `crossReferences.workday`: the REST `id` (Workday ID).
 * - names: the REST `descriptor` (the report carries none), split at the first space.
 * - status: Active -> active, On_Leave -> on-leave, Terminated -> terminated.
 * - cost rate: `Hourly_Cost_Rate` (a decimal string) in `Cost_Rate_Currency` -> integer minor units
 *   by decimal-string arithmetic; effectiveFrom: the day of Last_Updated (the report has no
 *   effective date of its own).
 * - personal columns are not in WorkdayReportRow at all (dropped by the client).
 */
export class WorkdayMappingError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'WorkdayMappingError';
  }
}

const STATUS: Record<string, WorkerStatus> = {
  Active: 'active',
  On_Leave: 'on-leave',
  Terminated: 'terminated',
};

function required(row: WorkdayReportRow, column: keyof WorkdayReportRow, field: string): string {
  const value = row[column]?.trim();
  if (!value) throw new WorkdayMappingError(`worker ${row.Employee_ID ?? '?'}: ${column} is empty`, field);
  return value;
}

function date(row: WorkdayReportRow, column: keyof WorkdayReportRow, field: string): string | undefined {
  const value = row[column];
  if (value === undefined || value === '') return undefined;
  // Workday may append the tenant's offset to a date (2024-03-01-08:00): the calendar day is what counts.
  const day = value.slice(0, 10);
  if (!isIsoDate(day))
    throw new WorkdayMappingError(`worker ${row.Employee_ID ?? '?'}: ${column} is not a date`, field);
  return day;
}

/** `Logan McNeil` -> given `Logan`, family `McNeil`; a one-word descriptor is both. */
export function splitDescriptor(descriptor: string): { givenName: string; familyName: string } {
  const text = descriptor.trim().replace(/\s+/g, ' ');
  const space = text.indexOf(' ');
  if (space < 0) return { givenName: text, familyName: text };
  return { givenName: text.slice(0, space), familyName: text.slice(space + 1) };
}

/** The report's Last_Updated as RFC 3339 UTC. */
export function modifiedAtOf(row: WorkdayReportRow): string {
  const raw = required(row, 'Last_Updated', 'updatedAt');
  const time = Date.parse(raw);
  if (Number.isNaN(time))
    throw new WorkdayMappingError(`worker ${row.Employee_ID ?? '?'}: Last_Updated is not a date-time`, 'updatedAt');
  return new Date(time).toISOString();
}

export function toHrisWorker(row: WorkdayReportRow, summary: WorkdayWorkerSummary | undefined): HrisWorker {
  const employeeId = required(row, 'Employee_ID', 'id');
  if (!summary) {
    throw new WorkdayMappingError(`worker ${employeeId}: no REST worker with the report's Work_Email`, 'givenName');
  }
  const statusValue = required(row, 'Worker_Status', 'status');
  const status = STATUS[statusValue];
  if (!status) throw new WorkdayMappingError(`worker ${employeeId}: unknown Worker_Status ${statusValue}`, 'status');
  const currency = required(row, 'Cost_Rate_Currency', 'costRate.hourlyCost.currency');
  if (!isCurrencyCode(currency)) {
    throw new WorkdayMappingError(`worker ${employeeId}: unknown currency ${currency}`, 'costRate.hourlyCost.currency');
  }
  const rate = required(row, 'Hourly_Cost_Rate', 'costRate.hourlyCost.amountMinor');
  let amountMinor: number;
  try {
    amountMinor = toMinorUnits(rate, currency);
  } catch {
    throw new WorkdayMappingError(
      `worker ${employeeId}: Hourly_Cost_Rate ${rate} is not an amount in ${currency}`,
      'costRate.hourlyCost.amountMinor',
    );
  }
  const modifiedAt = modifiedAtOf(row);
  const managerId = row.Manager_ID?.trim();
  const terminationDate = date(row, 'Termination_Date', 'terminationDate');
  const hireDate = date(row, 'Hire_Date', 'hireDate');
  const worker: HrisWorker = {
    id: employeeId,
    crossReferences: { [SystemNames.Workday]: summary.id },
    updatedAt: modifiedAt,
    employeeNumber: employeeId,
    ...splitDescriptor(summary.descriptor),
    email: required(row, 'Work_Email', 'email'),
    status,
    legalEntityId: required(row, 'Legal_Entity', 'legalEntityId'),
    costCentre: required(row, 'Cost_Center', 'costCentre'),
    location: required(row, 'Location', 'location'),
    jobProfile: required(row, 'Job_Profile', 'role'),
    costRate: { hourlyCost: { amountMinor, currency }, effectiveFrom: modifiedAt.slice(0, 10) },
    modifiedAt,
  };
  if (managerId) worker.managerId = managerId;
  if (hireDate) worker.hireDate = hireDate;
  if (terminationDate) worker.terminationDate = terminationDate;
  return worker;
}
