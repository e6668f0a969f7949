import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails are stored lower-cased; from now on the database refuses anything
 * else. Production-safe on a large table: the constraint is added NOT VALID
 * (a brief lock, no scan), then validated in its own statement, which scans
 * without blocking writes. Hence no wrapping transaction; each step can be
 * re-run after a failure.
 */
export class UsersEmailLowercase1795505437284 implements MigrationInterface {
  name = 'UsersEmailLowercase1795505437284';
  transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'CHK_users_email_lowercase') THEN
          SET LOCAL lock_timeout = '5s';
          ALTER TABLE "users" ADD CONSTRAINT "CHK_users_email_lowercase" CHECK ("email" = lower("email")) NOT VALID;
        END IF;
      END $$
    `);
    await queryRunner.query(`ALTER TABLE "users" VALIDATE CONSTRAINT "CHK_users_email_lowercase"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "CHK_users_email_lowercase"`);
  }
}
