import { MigrationInterface, QueryRunner } from 'typeorm';

/** The status feedback's last applied payment state per invoice (process.invoice_feedback). */
export class BillingFeedback1795330252277 implements MigrationInterface {
  name = 'BillingFeedback1795330252277';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "process"."invoice_feedback" ("invoice_id" text NOT NULL, "customer_id" text NOT NULL, "project_id" text, "contract_id" text, "number" text, "currency" character(3) NOT NULL, "total_minor" bigint NOT NULL, "amount_paid_minor" bigint NOT NULL, "status" character varying(16) NOT NULL, "issue_date" date, "due_date" date, "paid_date" date, "psa_outcome" character varying(32), "last_cause" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_eef33c26f0cca80b39a5b54574f" PRIMARY KEY ("invoice_id"))`);
    await queryRunner.query(`CREATE INDEX "invoice_feedback_open_due_idx" ON "process"."invoice_feedback" ("status", "due_date") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "process"."invoice_feedback_open_due_idx"`);
    await queryRunner.query(`DROP TABLE "process"."invoice_feedback"`);
  }
}
