import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Canonical id <-> CRM id of one record system-crm has read or written. Keyed by the CRM's id (it
 * never changes; the canonical id is the firm's external id, which an admin may edit).
 */
@Entity({ name: 'cross_references' })
@Index('idx_cross_references_canonical', ['system', 'resource', 'canonicalId'])
export class CrossReferenceEntity {
  /** The CRM (`salesforce`). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  system: string;

  /** account, opportunity, opportunity-line-item, contract. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  resource: string;

  @PrimaryColumn({ name: 'vendor_id', type: 'varchar', length: 64 })
  vendorId: string;

  @Column({ name: 'canonical_id', type: 'varchar', length: 255 })
  canonicalId: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
