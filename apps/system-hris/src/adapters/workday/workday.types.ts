/** Workday wire shapes (as the sandbox and a real tenant send them). */

export interface WorkdayTokenResponse {
  access_token: string;
  token_type: string;
  refresh_token?: string;
}

/** Item of `GET /ccx/api/v1/{tenant}/workers`. */
export interface WorkdayWorkerSummary {
  id: string;
  descriptor: string;
  href?: string;
  businessTitle?: string;
  primaryWorkEmail?: string;
  isManager?: boolean;
  primarySupervisoryOrganization?: { id: string; descriptor: string };
}

export interface WorkdayWorkersPage {
  total: number;
  data: WorkdayWorkerSummary[];
}

/**
 * One row of the worker report as the adapter keeps it: the pinned columns WITHOUT the personal
 * ones (Personal_Email, Date_of_Birth, Home_Address), which the client drops as soon as a
 * response is parsed. RaaS sends every value as a string and omits empty ones.
 */
export interface WorkdayReportRow {
  Employee_ID?: string;
  Worker_Status?: string;
  Hire_Date?: string;
  Termination_Date?: string;
  Legal_Entity?: string;
  Cost_Center?: string;
  Location?: string;
  Manager_ID?: string;
  Job_Profile?: string;
  Work_Email?: string;
  Hourly_Cost_Rate?: string;
  Cost_Rate_Currency?: string;
  Last_Updated?: string;
}

/** The report columns system-hris reads; anything else in a row (personal data first) is dropped. */
export const WORKDAY_REPORT_COLUMNS: ReadonlyArray<keyof WorkdayReportRow> = [
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
  'Hourly_Cost_Rate',
  'Cost_Rate_Currency',
  'Last_Updated',
];

/** Workday's REST error body. */
export interface WorkdayErrorBody {
  error?: string;
  error_description?: string;
  errors?: Array<{ error?: string; field?: string }>;
}
