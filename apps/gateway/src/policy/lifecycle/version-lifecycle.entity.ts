import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A product owner's override of a version's published lifecycle (`info.x-lifecycle`): deprecated
 * with a sunset date, or retired. Absent: the contract's own lifecycle applies.
 */
@Entity({ name: 'version_lifecycles' })
export class VersionLifecycleEntity {
  /** `process.project-setup.v1` */
  @PrimaryColumn({ type: 'text' })
  contract: string;

  @Column({ type: 'text' })
  state: 'deprecated' | 'retired';

  @Column({ name: 'deprecated_at', type: 'timestamptz' })
  deprecatedAt: Date;

  @Column({ name: 'sunset_at', type: 'timestamptz', nullable: true })
  sunsetAt: Date | null;

  /** The contract that replaces it, e.g. `process.project-setup.v2`. */
  @Column({ type: 'text', nullable: true })
  successor: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
