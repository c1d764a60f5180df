import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last state of an account the customer feed has processed: the vendor's modification time and
 * the canonical customer then (null when the account was not a billable customer). It tells a new
 * change from one re-read, and which canonical fields changed.
 */
@Entity({ name: 'account_snapshots' })
export class AccountSnapshotEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  system: string;

  @PrimaryColumn({ name: 'vendor_id', type: 'varchar', length: 64 })
  vendorId: string;

  @Column({ name: 'modified_at', type: 'timestamptz' })
  modifiedAt: Date;

  @Column({ type: 'jsonb', nullable: true })
  customer: Record<string, unknown> | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
