import type { AssignmentDto, PsaUserDto, ProjectDto, RateCardDto, TimeEntryDto, WorkerDto } from '@app/contracts';

/** The ERP employee as the resource sync writes it (system-erp `ErpEmployeeInput`). */
export interface ErpEmployeeWrite {
  id: string;
  givenName: string;
  familyName: string;
  email?: string;
  legalEntityId: string;
  jobTitle?: string;
}

export interface ErpEmployeeRead extends ErpEmployeeWrite {
  crossReferences?: Record<string, string>;
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
