import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAuditLogs1795520090699 implements MigrationInterface {
  name = 'AddAuditLogs1795520090699';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_logs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "tenant_id" uuid,
                "actor_user_id" uuid,
                "action" character varying(64) NOT NULL,
                "resource_type" character varying(32),
                "resource_id" character varying(64),
                "request_id" character varying(128),
                "ip" character varying(64),
                "user_agent" character varying(256),
                "details" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_1bb179d048bbc581caa3b013439" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_logs_tenant_created" ON "audit_logs" ("tenant_id", "created_at", "id")
        `);
    // Append-only: rows can be added, never changed or removed (not even by the table's owner through SQL;
    // dropping the table or the trigger is a migration, reviewed like any other).
    await queryRunner.query(`
            CREATE FUNCTION "audit_logs_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TRG_audit_logs_no_change" BEFORE UPDATE OR DELETE ON "audit_logs"
            FOR EACH ROW EXECUTE FUNCTION "audit_logs_append_only"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TRG_audit_logs_no_truncate" BEFORE TRUNCATE ON "audit_logs"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_logs_append_only"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "TRG_audit_logs_no_truncate" ON "audit_logs"
        `);
    await queryRunner.query(`
            DROP TRIGGER "TRG_audit_logs_no_change" ON "audit_logs"
        `);
    await queryRunner.query(`
            DROP FUNCTION "audit_logs_append_only"()
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_logs_tenant_created"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_logs"
        `);
  }
}
