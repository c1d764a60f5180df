import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last status the change feed saw of an invoice (per ERP), so a transition is published once. */
@Entity({ name: 'invoice_snapshots' })
export class InvoiceSnapshotEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  vendor: string;

  @PrimaryColumn({ name: 'invoice_id', type: 'varchar', length: 128 })
  invoiceId: string;

  @Column({ type: 'varchar', length: 20 })
  status: string;

  @Column({ name: 'modified_at', type: 'timestamptz' })
  modifiedAt: Date;
}
