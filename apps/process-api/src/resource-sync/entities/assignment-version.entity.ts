import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every version of a PSA assignment the resource sync has seen, kept for reconciliation: a new row
 * whenever the assignment's content changes (status, dates, role, allocation), never an update.
 */
@Entity({ name: 'assignment_versions' })
@Index('assignment_versions_uq', ['assignmentId', 'fingerprint'], { unique: true })
@Index('assignment_versions_worker_idx', ['workerId', 'recordedAt'])
export class AssignmentVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'assignment_id', type: 'text' })
  assignmentId: string;

  /** 1 for the first content seen, then +1 on every change. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId: string;

  @Column({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ name: 'allocation_percent', type: 'int', nullable: true })
  allocationPercent: number | null;

  /** Hash of the content above: the same content seen again is the same version. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
