import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The rest of a query result beyond its first batch, served by `nextRecordsUrl`. Like Salesforce,
 * the result is a snapshot taken when the query ran.
 */
@Entity({ name: 'query_cursors' })
export class QueryCursorEntity {
  /** 18-character id with the query-locator key prefix `01g`. */
  @PrimaryColumn({ type: 'char', length: 18 })
  id: string;

  @Column({ name: 'api_version', type: 'varchar', length: 10 })
  apiVersion: string;

  /** Every record of the result, already projected. */
  @Column({ type: 'jsonb' })
  records: unknown[];

  @Column({ name: 'batch_size', type: 'int' })
  batchSize: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Index('idx_query_cursors_last_accessed_at')
  @Column({ name: 'last_accessed_at', type: 'timestamptz' })
  lastAccessedAt: Date;
}
