import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far a change feed has been read (one row per feed, e.g. `workday:worker`). */
@Entity({ name: 'poll_cursors' })
export class PollCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  /** Newest vendor modification time processed (the vendor's clock). */
  @Column({ name: 'last_modified_at', type: 'timestamptz' })
  lastModifiedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
