import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One record of any type. Field values live in `fields` (canonical field ids; references as
 * `{id, type}`, sublists as arrays of lines); the external id and timestamps are columns.
 */
@Entity({ name: 'records' })
@Index('uq_records_external_id', ['type', 'externalId'], { unique: true, where: '"external_id" IS NOT NULL' })
@Index('idx_records_type_modified', ['type', 'lastModifiedDate'])
export class NetSuiteRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  type: string;

  /** Internal id (unique across entities, across transactions). */
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId: string | null;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ name: 'date_created', type: 'timestamptz' })
  dateCreated: Date;

  @Column({ name: 'last_modified_date', type: 'timestamptz' })
  lastModifiedDate: Date;
}
