import { MigrationInterface, QueryRunner } from 'typeorm';

/** The compensation actions of a provisioning whose step failed for good and the retries after a fix (written by hand: two columns). */
export class ProvisioningCompensations1795330039732 implements MigrationInterface {
  name = 'ProvisioningCompensations1795330039732';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "process"."provisionings" ADD "compensations" jsonb`);
    await queryRunner.query(`ALTER TABLE "process"."provisionings" ADD "retries" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "process"."provisionings" DROP COLUMN "retries"`);
    await queryRunner.query(`ALTER TABLE "process"."provisionings" DROP COLUMN "compensations"`);
  }
}
