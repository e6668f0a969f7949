import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTags1795508402329 implements MigrationInterface {
  name = 'AddTags1795508402329';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "tags" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "tenant_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                CONSTRAINT "PK_e7dc17249a1148a1970748eda99" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_tags_tenant_name" ON "tags" ("tenant_id", "name", "id")
        `);
    // Unique per tenant whatever the case (not expressible in the entity: synchronize: false there).
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_tags_tenant_lower_name" ON "tags" ("tenant_id", lower("name"))
        `);
    await queryRunner.query(`
            ALTER TABLE "tags"
            ADD CONSTRAINT "FK_tags_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "tags" DROP CONSTRAINT "FK_tags_tenant"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_tags_tenant_lower_name"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_tags_tenant_name"
        `);
    await queryRunner.query(`
            DROP TABLE "tags"
        `);
  }
}
