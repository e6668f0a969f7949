import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOutbox1795505905987 implements MigrationInterface {
  name = 'AddOutbox1795505905987';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbox" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "queue" character varying(64) NOT NULL,
                "job_name" character varying(64) NOT NULL,
                "payload" jsonb,
                "request_id" character varying(128) NOT NULL,
                "tenant_id" uuid,
                "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" character varying(500),
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_outbox_published_at" ON "outbox" ("published_at")
            WHERE "published_at" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_outbox_pending" ON "outbox" ("available_at", "created_at")
            WHERE "published_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "processed_jobs" (
                "queue" character varying(64) NOT NULL,
                "job_id" character varying(128) NOT NULL,
                "job_name" character varying(64) NOT NULL,
                "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "result" jsonb,
                CONSTRAINT "PK_f9dec7fa8936b252314c2fe8d47" PRIMARY KEY ("queue", "job_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "processed_jobs"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_outbox_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_outbox_published_at"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox"
        `);
  }
}
