import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The firm's mapping of an HRIS job profile to a canonical role (per-firm data, not code). */
@Entity({ name: 'job_profile_roles' })
export class JobProfileRoleEntity {
  /** The firm the mapping belongs to (HRIS_FIRM). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  firm: string;

  /** The HRIS job profile as the HRIS names it (e.g. `Senior Consultant`). */
  @PrimaryColumn({ name: 'job_profile', type: 'varchar', length: 100 })
  jobProfile: string;

  /** Canonical role code (e.g. `senior-consultant`). */
  @Column({ type: 'varchar', length: 100 })
  role: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
