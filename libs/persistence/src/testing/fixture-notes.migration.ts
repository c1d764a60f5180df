import { MigrationInterface, QueryRunner } from 'typeorm';

/** Test fixture: the migration matching FixtureNoteEntity in schema fixture_notes. */
export class CreateNotes1732200000000 implements MigrationInterface {
  name = 'CreateNotes1732200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fixture_notes"."notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body" text NOT NULL, "amount_minor" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_af6206538ea96c4e77e9f400c3d" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "fixture_notes"."notes"`);
  }
}
