import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const WORKER_STATUSES = ['Active', 'On_Leave', 'Terminated'] as const;
export type WorkdayWorkerStatus = (typeof WORKER_STATUSES)[number];

/** One worker of the tenant: what the REST summary and the pinned custom report show. */
@Entity({ name: 'workers' })
export class WorkdayWorkerEntity {
  /** Employee ID (`W00001`): the report's Employee_ID. */
  @PrimaryColumn({ name: 'employee_id', type: 'varchar', length: 20 })
  employeeId: string;

  /** Workday ID (32 hex characters): the REST `id`. */
  @Index('uq_workday_workers_wid', { unique: true })
  @Column({ type: 'char', length: 32 })
  wid: string;

  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName: string;

  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName: string;

  @Column({ name: 'business_title', type: 'varchar', length: 200 })
  businessTitle: string;

  @Column({ name: 'work_email', type: 'varchar', length: 254 })
  workEmail: string;

  @Column({ type: 'varchar', length: 16 })
  status: WorkdayWorkerStatus;

  @Column({ name: 'hire_date', type: 'date' })
  hireDate: string;

  @Column({ name: 'termination_date', type: 'date', nullable: true })
  terminationDate: string | null;

  @Column({ name: 'legal_entity', type: 'varchar', length: 20 })
  legalEntity: string;

  @Column({ name: 'cost_center', type: 'varchar', length: 50 })
  costCenter: string;

  @Column({ type: 'varchar', length: 50 })
  location: string;

  @Index('idx_workday_workers_manager_id')
  @Column({ name: 'manager_id', type: 'varchar', length: 20, nullable: true })
  managerId: string | null;

  @Column({ name: 'job_profile', type: 'varchar', length: 100 })
  jobProfile: string;

  @Column({ name: 'personal_email', type: 'varchar', length: 254, nullable: true })
  personalEmail: string | null;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'home_address', type: 'varchar', length: 500, nullable: true })
  homeAddress: string | null;

  /** Decimal in major units (numeric: exact, read back as a string). */
  @Column({ name: 'hourly_cost_rate', type: 'numeric', precision: 12, scale: 2 })
  hourlyCostRate: string;

  @Column({ name: 'cost_rate_currency', type: 'char', length: 3 })
  costRateCurrency: string;

  /** Last change of any report field (the report's Last_Updated; the Updated_From prompt filters on it). */
  @Index('idx_workday_workers_last_updated')
  @Column({ name: 'last_updated', type: 'timestamptz' })
  lastUpdated: Date;
}
