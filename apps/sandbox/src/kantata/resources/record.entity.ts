import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One Kantata object of any resource type; its attributes live in `data` (Kantata's field names). */
@Entity({ name: 'records' })
@Index('idx_kantata_records_type_updated', ['type', 'updatedAt'])
export class KantataRecordEntity {
  /** Resource (plural key), e.g. `time_entries`. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  type: string;

  @PrimaryColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** Whole seconds, like Kantata's timestamps. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Last id handed out per resource (ids are deterministic after a reset). */
@Entity({ name: 'id_counters' })
export class KantataIdCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  type: string;

  @Column({ name: 'last_value', type: 'bigint' })
  lastValue: string;
}
