import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last state of a PSA object a feed has processed (`approved` / `open`, `completed` / `open`) and
 * the vendor's modification time: compared with what the PSA returns, it tells a new change from one
 * already seen.
 */
@Entity({ name: 'change_snapshots' })
export class PsaChangeSnapshotEntity {
  /** Feed name (`kantata:time_entry`). */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  feed: string;

  /** The PSA's own id. */
  @PrimaryColumn({ name: 'vendor_id', type: 'varchar', length: 64 })
  vendorId: string;

  @Column({ name: 'canonical_id', type: 'varchar', length: 255 })
  canonicalId: string;

  @Column({ type: 'varchar', length: 32 })
  state: string;

  @Column({ name: 'modified_at', type: 'timestamptz' })
  modifiedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
