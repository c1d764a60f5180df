import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BillRate, Money } from './rate-versions';

export const AmendmentStatuses = ['pending', 'in-progress', 'applied', 'exception'] as const;
export type AmendmentStatus = (typeof AmendmentStatuses)[number];

export const AmendmentStepNames = [
  'psa-project',
  'psa-milestones',
  'psa-rate-card',
  'erp-project',
  'billing-schedule',
] as const;
export type AmendmentStepName = (typeof AmendmentStepNames)[number];

/** What an amendment changes (as requested; money in minor units, dates YYYY-MM-DD). */
export interface AmendmentChanges {
  rateCard?: { rates: BillRate[] };
  budget?: Money;
  endDate?: string;
  milestones?: Array<{ id?: string; name: string; amount: Money; dueDate: string }>;
}

/** One propagation step of an amendment, like a provisioning step. */
export interface AmendmentStep {
  name: AmendmentStepName;
  status: 'done' | 'failed';
  startedAt: string;
  finishedAt: string;
  vendorIds?: Record<string, string>;
  error?: string;
}

/** The rate-card version an amendment puts in force: the full merged rate set and the PSA version written. */
export interface AmendmentRateCard {
  rateCardId: string | null;
  billRates: BillRate[];
  versionId: string | null;
}

/**
 * A contract amendment (change order) of a provisioned project: effective-dated changes kept as
 * history (never updated once applied) and propagated step by step to the PSA, the ERP and the
 * billing schedule. One per (project, effective date, content): a repeat is the same amendment.
 */
@Entity({ name: 'contract_amendments' })
@Index('contract_amendments_content_uq', ['projectId', 'effectiveDate', 'contentHash'], { unique: true })
@Index('contract_amendments_project_seq_uq', ['projectId', 'sequence'], { unique: true })
@Index('contract_amendments_status_idx', ['status', 'createdAt'])
export class ContractAmendmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId: string;

  @Column({ name: 'project_code', type: 'text' })
  projectCode: string;

  @Column({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  @Column({ name: 'provisioning_id', type: 'uuid' })
  provisioningId: string;

  /** 1, 2, 3... per project, in the order received (effective dates never go backwards). */
  @Column({ type: 'int' })
  sequence: number;

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'jsonb' })
  changes: AmendmentChanges;

  /** SHA-256 of the canonical changes: the idempotency key with the project and effective date. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  /** The rate-card version it puts in force (null: no rate change). */
  @Column({ name: 'rate_card', type: 'jsonb', nullable: true })
  rateCard: AmendmentRateCard | null;

  /** Milestone id -> billing schedule item id written for it (added or changed milestones). */
  @Column({ name: 'schedule_links', type: 'jsonb', nullable: true })
  scheduleLinks: Record<string, string> | null;

  @Column({ type: 'varchar', length: 16 })
  status: AmendmentStatus;

  @Column({ type: 'jsonb', nullable: true })
  steps: AmendmentStep[] | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  /** The consumer that asked for it (gateway identity). */
  @Column({ name: 'requested_by', type: 'text', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;
}
