import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far a change feed has been read (one row per feed, e.g. `kantata:time_entry`). */
@Entity({ name: 'poll_cursors' })
export class PsaPollCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  /** Newest vendor modification time processed so far (the vendor's clock). */
  @Column({ name: 'last_modified_at', type: 'timestamptz' })
  lastModifiedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
