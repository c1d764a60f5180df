import { WorkdayWorkerEntity } from './entities/workday-worker.entity';
import { widOf } from './workday-org';

/** `GET /ccx/api/v1/{tenant}/workers` item (Workday's worker summary). */
export interface WorkerSummary {
  id: string;
  descriptor: string;
  href: string;
  businessTitle: string;
  primaryWorkEmail: string;
  isManager: boolean;
  primarySupervisoryOrganization: { id: string; descriptor: string };
}

/** One row of the pinned custom report. RaaS renders every value as a string and omits empty ones. */
export type ReportEntry = Partial<Record<(typeof REPORT_COLUMNS)[number], string>>;

/** The pinned report contract, in column order. */
export const REPORT_COLUMNS = [
  'Employee_ID',
  'Worker_Status',
  'Hire_Date',
  'Termination_Date',
  'Legal_Entity',
  'Cost_Center',
  'Location',
  'Manager_ID',
  'Job_Profile',
  'Work_Email',
  'Personal_Email',
  'Date_of_Birth',
  'Home_Address',
  'Hourly_Cost_Rate',
  'Cost_Rate_Currency',
  'Last_Updated',
] as const;

export function toSummary(worker: WorkdayWorkerEntity, isManager: boolean, apiBase: string): WorkerSummary {
  return {
    id: worker.wid,
    descriptor: `${worker.givenName} ${worker.familyName}`,
    href: `${apiBase}/workers/${worker.wid}`,
    businessTitle: worker.businessTitle,
    primaryWorkEmail: worker.workEmail,
    isManager,
    primarySupervisoryOrganization: {
      id: widOf('supervisory-organization', worker.costCenter),
      descriptor: `${worker.costCenter} (${worker.legalEntity})`,
    },
  };
}

/** Decimal as stored (`85.50`) -> Workday's rendering (`85.5`: no trailing zeros). */
function decimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

export function toReportEntry(worker: WorkdayWorkerEntity): ReportEntry {
  const row: Record<string, string | null> = {
    Employee_ID: worker.employeeId,
    Worker_Status: worker.status,
    Hire_Date: worker.hireDate,
    Termination_Date: worker.terminationDate,
    Legal_Entity: worker.legalEntity,
    Cost_Center: worker.costCenter,
    Location: worker.location,
    Manager_ID: worker.managerId,
    Job_Profile: worker.jobProfile,
    Work_Email: worker.workEmail,
    Personal_Email: worker.personalEmail,
    Date_of_Birth: worker.dateOfBirth,
    Home_Address: worker.homeAddress,
    Hourly_Cost_Rate: decimal(worker.hourlyCostRate),
    Cost_Rate_Currency: worker.costRateCurrency,
    Last_Updated: worker.lastUpdated.toISOString(),
  };
  const entry: ReportEntry = {};
  for (const column of REPORT_COLUMNS) {
    const value = row[column];
    if (value !== null && value !== undefined && value !== '') entry[column] = value;
  }
  return entry;
}
