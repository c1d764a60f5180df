import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last state of an opportunity system-crm has processed: the stage and the vendor's modification
 * time. Compared with what the CRM returns, it tells a new change from one already seen.
 */
@Entity({ name: 'opportunity_snapshots' })
export class OpportunitySnapshotEntity {
  /** CRM system (`salesforce`). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  system: string;

  /** The CRM's own id. */
  @PrimaryColumn({ name: 'vendor_id', type: 'varchar', length: 64 })
  vendorId: string;

  @Column({ name: 'canonical_id', type: 'varchar', length: 255 })
  canonicalId: string;

  /** Canonical stage (kebab-case). */
  @Column({ type: 'varchar', length: 32 })
  stage: string;

  @Column({ name: 'modified_at', type: 'timestamptz' })
  modifiedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
