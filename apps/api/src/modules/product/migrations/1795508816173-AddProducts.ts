import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProducts1795508816173 implements MigrationInterface {
  name = 'AddProducts1795508816173';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "products" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "tenant_id" uuid NOT NULL,
                "owner_id" uuid NOT NULL,
                "name" character varying(255) NOT NULL,
                "price" numeric(10, 2) NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'ACTIVE',
                CONSTRAINT "CHK_products_status" CHECK ("status" IN ('ACTIVE', 'INACTIVE', 'ARCHIVED')),
                CONSTRAINT "CHK_products_price" CHECK ("price" >= 0),
                CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_products_owner_id" ON "products" ("owner_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_products_tenant_created_live" ON "products" ("tenant_id", "created_at", "id")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "product_tags" (
                "product_id" uuid NOT NULL,
                "tag_id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                CONSTRAINT "PK_8ca809b37ff76596b63fe60ac41" PRIMARY KEY ("product_id", "tag_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_product_tags_tag_id" ON "product_tags" ("tag_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_product_tags_tenant_id" ON "product_tags" ("tenant_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "products"
            ADD CONSTRAINT "FK_products_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "products"
            ADD CONSTRAINT "FK_products_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "product_tags"
            ADD CONSTRAINT "FK_product_tags_product" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "product_tags"
            ADD CONSTRAINT "FK_product_tags_tag" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "product_tags"
            ADD CONSTRAINT "FK_product_tags_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "product_tags" DROP CONSTRAINT "FK_product_tags_tenant"
        `);
    await queryRunner.query(`
            ALTER TABLE "product_tags" DROP CONSTRAINT "FK_product_tags_tag"
        `);
    await queryRunner.query(`
            ALTER TABLE "product_tags" DROP CONSTRAINT "FK_product_tags_product"
        `);
    await queryRunner.query(`
            ALTER TABLE "products" DROP CONSTRAINT "FK_products_owner"
        `);
    await queryRunner.query(`
            ALTER TABLE "products" DROP CONSTRAINT "FK_products_tenant"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_product_tags_tenant_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_product_tags_tag_id"
        `);
    await queryRunner.query(`
            DROP TABLE "product_tags"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_products_tenant_created_live"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_products_owner_id"
        `);
    await queryRunner.query(`
            DROP TABLE "products"
        `);
  }
}
