import type { WorkerDto } from '@app/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The canonical worker as last processed; `role` is absent when its job profile was unmapped at baseline. */
export type SnapshotWorker = Omit<WorkerDto, 'role'> & { role?: string };

/**
 * The last state of a worker system-hris has processed: the canonical worker (non-personal fields
 * only, the same the API and events carry) and the vendor's modification time. Compared with the
 * next report row, it tells a new change from one already seen and what kind of change it was.
 */
@Entity({ name: 'worker_snapshots' })
export class WorkerSnapshotEntity {
  /** HRIS system (`workday`). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  system: string;

  /** Canonical worker id (the employee number). */
  @PrimaryColumn({ name: 'worker_id', type: 'varchar', length: 128 })
  workerId: string;

  @Column({ type: 'jsonb' })
  worker: SnapshotWorker;

  @Column({ name: 'modified_at', type: 'timestamptz' })
  modifiedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
