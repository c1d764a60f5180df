import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type BillingRecordKind = 'customer' | 'invoice';

/**
 * One canonical object pushed to the billing platform: its canonical id, its id there (the
 * cross-reference, null while the create has not completed), and the canonical object as composed.
 */
@Entity({ name: 'billing_records' })
@Index('billing_records_vendor', ['system', 'vendorId'], { unique: true, where: '"vendor_id" IS NOT NULL' })
export class BillingRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: BillingRecordKind;

  @PrimaryColumn({ name: 'canonical_id', type: 'varchar', length: 128 })
  canonicalId: string;

  /** The billing platform (`stripe`). */
  @Column({ type: 'varchar', length: 40 })
  system: string;

  @Column({ name: 'vendor_id', type: 'varchar', length: 255, nullable: true })
  vendorId: string | null;

  /** Canonical status as last seen (invoices). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  status: string | null;

  /** The canonical object (CustomerDto / InvoiceDto) as it was sent. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** When the first create attempt started: a retry long after it looks the vendor object up first. */
  @Column({ name: 'first_attempt_at', type: 'timestamptz' })
  firstAttemptAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
