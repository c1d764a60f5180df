import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One entity of any set, in one company; document lines point at their document (`parentId`). */
@Entity({ name: 'records' })
@Index('idx_bc_records_company_set', ['companyId', 'entitySet', 'lastModified'])
@Index('idx_bc_records_parent', ['parentId'])
export class BcRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'entity_set', type: 'varchar', length: 60 })
  entitySet: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  /** Row version: the ETag changes with it. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'last_modified', type: 'timestamptz' })
  lastModified: Date;
}
