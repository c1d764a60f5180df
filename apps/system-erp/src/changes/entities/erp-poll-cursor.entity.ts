import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a change feed of the ERP stands: changes modified at or after `since` are still to read. */
@Entity({ name: 'poll_cursors' })
export class ErpPollCursorEntity {
  /** Feed name, per ERP (`netsuite:invoices`). */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'timestamptz' })
  since: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
