import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Canonical id <-> ERP record, per ERP: the vendor's id, the company it lives in (Business
 * Central) and what the vendor has no field for (kept here so reads return the whole canonical object).
 */
@Entity({ name: 'cross_references' })
@Index('uq_cross_references_vendor_id', ['vendor', 'resource', 'vendorId'], { unique: true })
export class CrossReferenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  vendor: string;

  /** customer, project, employee, time-bill, invoice. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  resource: string;

  @PrimaryColumn({ name: 'canonical_id', type: 'varchar', length: 128 })
  canonicalId: string;

  @Column({ name: 'vendor_id', type: 'varchar', length: 100 })
  vendorId: string;

  /** Business Central: the company; NetSuite: null. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  scope: string | null;

  @Column({ type: 'jsonb' })
  attributes: Record<string, unknown>;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
