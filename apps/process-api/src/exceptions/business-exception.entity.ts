import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ExceptionAction, ExceptionStatus, OwningTeam } from './exceptions.constants';

/**
 * A business exception: data a person must decide on or fix (not a technical failure: those are retries
 * and dead letters). At most one open exception per (kind, business key): raising it again adds to it.
 */
@Entity({ name: 'business_exceptions' })
@Index('business_exceptions_open_uq', ['kind', 'businessKey'], { unique: true, where: `status = 'open'` })
@Index('business_exceptions_status_created_idx', ['status', 'createdAt'])
export class BusinessExceptionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** What went wrong, e.g. `provisioning-invalid-opportunity`, `worker-inactive-but-assigned`. */
  @Column({ type: 'varchar', length: 100 })
  kind: string;

  @Column({ name: 'owning_team', type: 'varchar', length: 40 })
  owningTeam: OwningTeam;

  /** The business object it is about, e.g. `opportunity/<id>` or `worker/<id>`. */
  @Column({ name: 'business_key', type: 'text' })
  businessKey: string;

  @Column({ name: 'legal_entity', type: 'text', nullable: true })
  legalEntity: string | null;

  /** Money at stake in integer minor units (null when unknown). */
  @Column({ name: 'amount_minor', type: 'bigint', nullable: true, transformer: bigintNumber() })
  amountMinor: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  /** Every reason, in words a person acts on. */
  @Column({ type: 'jsonb' })
  reasons: string[];

  /** Context for the person and for a retry (e.g. the provisioning id, vendor ids). */
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  /** The workflow that raised it, e.g. `project-setup`. */
  @Column({ type: 'varchar', length: 60 })
  source: string;

  @Column({ type: 'varchar', length: 16 })
  status: ExceptionStatus;

  /** How many times it was raised while open. */
  @Column({ type: 'int', default: 1 })
  occurrences: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

/** The audit trail of one exception: every raise and operator action, with actor and reason. */
@Entity({ name: 'business_exception_actions' })
@Index('business_exception_actions_exception_idx', ['exceptionId', 'at'])
export class BusinessExceptionActionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'exception_id', type: 'uuid' })
  exceptionId: string;

  @Column({ type: 'varchar', length: 32 })
  action: ExceptionAction;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}

function bigintNumber() {
  return {
    to: (v: number | null | undefined) => v,
    from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
  };
}
