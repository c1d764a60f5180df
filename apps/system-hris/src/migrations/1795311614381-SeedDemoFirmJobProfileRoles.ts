import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data: the demo firm's job profile -> role mappings (the job profiles of the bundled Workday
 * sandbox). Written by hand; a firm changes its own rows through the mapping API afterwards.
 */
export const DEMO_FIRM_JOB_PROFILE_ROLES: ReadonlyArray<readonly [string, string]> = [
  ['Managing Partner', 'partner'],
  ['Partner', 'partner'],
  ['Director', 'director'],
  ['Senior Manager', 'senior-manager'],
  ['Manager', 'manager'],
  ['Solution Architect', 'architect'],
  ['Senior Consultant', 'senior-consultant'],
  ['Consultant', 'consultant'],
  ['Software Engineer', 'engineer'],
  ['Analyst', 'analyst'],
  ['Project Coordinator', 'project-coordinator'],
];

export class SeedDemoFirmJobProfileRoles1795311614381 implements MigrationInterface {
  name = 'SeedDemoFirmJobProfileRoles1795311614381';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [jobProfile, role] of DEMO_FIRM_JOB_PROFILE_ROLES) {
      await queryRunner.query(
        `INSERT INTO "system_hris"."job_profile_roles" ("firm", "job_profile", "role", "updated_at") VALUES ('demo-firm', $1, $2, now()) ON CONFLICT DO NOTHING`,
        [jobProfile, role],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "system_hris"."job_profile_roles" WHERE "firm" = 'demo-firm'`);
  }
}
