import type { AssignmentDto, PsaUserDto, ProjectDto, RateCardDto, TimeEntryDto, WorkerDto } from '@app/contracts';

/** The ERP employee as the resource sync writes it (system-erp `ErpEmployeeInput`). */
export interface ErpEmployeeWrite {
  id: string;
  givenName: string;
  familyName: string;
  email?: string;
  legalEntityId: string;
  jobTitle?: string;
  /** Hourly payroll cost (the worker report's hourly cost rate); never a bill rate. */
  costRate?: { amountMinor: number; currency: string };
  hireDate?: string;
  terminationDate?: string;
  active?: boolean;
}

export interface ErpEmployeeRead extends ErpEmployeeWrite {
  crossReferences?: Record<string, string>;
}

/** The PSA user as the resource sync writes it (system-psa `PsaUserInput`): no cost or bill rate. */
export interface PsaUserWrite {
  /** The worker's canonical id. */
  id: string;
  name: string;
  email: string;
  role?: string;
  active: boolean;
}

/**
 * The system APIs the resource sync works with, behind one port so the workflow can be tested and the
 * transport (the gateway) swapped. Every call is a system API operation through the gateway.
 */
export interface ResourceDirectory {
  /** Every HRIS worker (all pages). */
  listWorkers(): Promise<WorkerDto[]>;
  /** PSA users, optionally the one with an email. */
  listPsaUsers(email?: string): Promise<PsaUserDto[]>;
  /** Creates the worker's PSA user, or answers the one it already has (unchanged). */
  createPsaUser(user: PsaUserWrite): Promise<PsaUserDto>;
  /** Brings the worker's PSA user up to date; null when the PSA has no user for the worker. */
  updatePsaUser(workerId: string, patch: Partial<Omit<PsaUserWrite, 'id'>>): Promise<PsaUserDto | null>;
  /** The ERP employee, or null when the ERP has none for the worker. */
  getErpEmployee(workerId: string): Promise<ErpEmployeeRead | null>;
  /** Creates the ERP employee or brings it up to date (idempotent by canonical id). */
  upsertErpEmployee(employee: ErpEmployeeWrite): Promise<ErpEmployeeRead>;
  listProjects(): Promise<ProjectDto[]>;
  /** One PSA project, or null. */
  getProject(id: string): Promise<ProjectDto | null>;
  listAssignments(projectId: string): Promise<AssignmentDto[]>;
  listTimeEntries(filter: { projectId?: string; from: string; to: string }): Promise<TimeEntryDto[]>;
  listRateCards(): Promise<RateCardDto[]>;
}

export const RESOURCE_DIRECTORY = Symbol('RESOURCE_DIRECTORY');
