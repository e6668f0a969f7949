import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddInvitations1795506809173 implements MigrationInterface {
  name = 'AddInvitations1795506809173';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "tenant_id" uuid NOT NULL,
                "email" character varying(320) NOT NULL,
                "role" character varying(16) NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'PENDING',
                "invited_by_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "responded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_invitations_email_lowercase" CHECK ("email" = lower("email")),
                CONSTRAINT "CHK_invitations_status" CHECK (
                    "status" IN (
                        'PENDING',
                        'ACCEPTED',
                        'DECLINED',
                        'EXPIRED',
                        'REVOKED'
                    )
                ),
                CONSTRAINT "CHK_invitations_role" CHECK ("role" IN ('ADMIN', 'MEMBER')),
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_invitations_invited_by_id" ON "invitations" ("invited_by_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_invitations_token_hash" ON "invitations" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_invitations_pending_expires_at" ON "invitations" ("expires_at")
            WHERE "status" = 'PENDING'
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_invitations_tenant_created" ON "invitations" ("tenant_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_invitations_pending_tenant_email" ON "invitations" ("tenant_id", "email")
            WHERE "status" = 'PENDING'
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_invitations_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_invitations_invited_by" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_invitations_invited_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_invitations_tenant"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_invitations_pending_tenant_email"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_invitations_tenant_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_invitations_pending_expires_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_invitations_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_invitations_invited_by_id"
        `);
    await queryRunner.query(`
            DROP TABLE "invitations"
        `);
  }
}
