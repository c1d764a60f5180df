import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OpportunityDto } from '@app/contracts';
import type { ProvisioningStatus } from './project-setup.constants';

/** One won deal to turn into a project: recorded once per opportunity, from `opportunity.closed_won`. */
@Entity({ name: 'provisionings' })
@Index('provisionings_opportunity_uq', ['opportunityId'], { unique: true })
@Index('provisionings_status_received_idx', ['status', 'receivedAt'])
export class ProvisioningEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Canonical id of the won opportunity (the business key: one provisioning per opportunity). */
  @Column({ name: 'opportunity_id', type: 'text' })
  opportunityId: string;

  @Column({ type: 'varchar', length: 32 })
  status: ProvisioningStatus;

  /** The canonical opportunity as carried by the event that created the provisioning. */
  @Column({ type: 'jsonb' })
  opportunity: OpportunityDto;

  /** The `opportunity.closed_won` event that created it. */
  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId: string;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** The workflow's steps so far, in order, each with timestamps, vendor ids and errors (null: not started). */
  @Column({ type: 'jsonb', nullable: true })
  steps: ProvisioningStep[] | null;

  /** Canonical id of the project (deterministic from the opportunity), once chosen. */
  @Column({ name: 'project_id', type: 'text', nullable: true })
  projectId: string | null;

  /** The project code every system shows (deterministic from the opportunity). */
  @Column({ name: 'project_code', type: 'text', nullable: true })
  projectCode: string | null;

  /** Why it stopped (exception or failed), or the last technical error while retrying. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Runs so far (a technical failure or a restart runs it again). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** A runner holds it until then; after that (crash), another run resumes it. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'provisioned_at', type: 'timestamptz', nullable: true })
  provisionedAt: Date | null;

  /**
   * After a step failed for good: what the workflow undid (or could not undo) in the systems, in order
   * (null: nothing to undo yet).
   */
  @Column({ type: 'jsonb', nullable: true })
  compensations: ProvisioningCompensation[] | null;

  /**
   * Retries after a fix so far (exception `retry`). Part of the vendor idempotency keys: a step run again
   * after a fix is a new request, not the replay of the one the system refused.
   */
  @Column({ type: 'int', default: 0 })
  retries: number;
}

export const ProvisioningStepNames = [
  'validate',
  'erp-customer',
  'erp-project',
  'psa-workspace',
  'billing-customer',
  'billing-schedule',
  'crm-write-back',
  'publish',
] as const;
export type ProvisioningStepName = (typeof ProvisioningStepNames)[number];

/** One step of a provisioning run. */
export interface ProvisioningStep {
  name: ProvisioningStepName;
  status: 'done' | 'failed';
  startedAt: string;
  finishedAt: string;
  /** Ids in the systems the step touched, e.g. { erpCustomerId, netsuite }. */
  vendorIds?: Record<string, string>;
  error?: string;
}

/** One compensation action after a step failed for good (deactivate the ERP project, archive the PSA workspace...). */
export interface ProvisioningCompensation {
  /** e.g. `archive-psa-workspace`, `deactivate-erp-project`, `cancel-billing-schedule`, `keep-billing-customer`. */
  action: string;
  /** Canonical id of what it acted on. */
  target: string;
  /**
   * `done`; `failed` (the system refused it, or it kept failing: see `error`, left for a person); `kept`
   * (the system offers no undo); `retrying` (a technical failure: tried again, the row stays compensating).
   */
  status: 'done' | 'failed' | 'kept' | 'retrying';
  /** Tries so far (a technical failure is retried). */
  attempts: number;
  at: string;
  error?: string;
}
