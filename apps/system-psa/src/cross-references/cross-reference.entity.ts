import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Canonical id <-> vendor id of an object system-psa created or read (kind: project, assignment, milestone). */
@Entity({ name: 'cross_references' })
export class CrossReferenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: string;

  @PrimaryColumn({ name: 'canonical_id', type: 'varchar', length: 255 })
  canonicalId: string;

  /** Vendor system (`kantata`). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  system: string;

  @Column({ name: 'vendor_id', type: 'varchar', length: 64 })
  vendorId: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
