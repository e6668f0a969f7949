import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The settings the policies read, their functions and types (as AddRowLevelSecurity created them). */
const SETTINGS = [
  ['app_tenant_id', 'app.tenant_id', 'uuid'],
  ['app_user_id', 'app.user_id', 'uuid'],
  ['app_invitation_token_hash', 'app.invitation_token_hash', 'text'],
  ['app_path', 'app.path', 'text'],
] as const;

/**
 * A statement on a tenant table outside any unit of work is an error, not
 * empty rows (ADR 015): every unit of work sets `app.scoped` with its scope,
 * and the policies' setting functions raise when it is not set. Replaces the
 * functions' bodies in place (the policies keep referring to them); no table
 * is touched, nothing to lock.
 */
export class TenantRowsNeedAScope1796600000000 implements MigrationInterface {
  name = 'TenantRowsNeedAScope1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION "app_unscoped"() RETURNS text LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
            BEGIN
              RAISE EXCEPTION 'a tenant table was queried outside any unit of work (no database scope is set)'
                USING ERRCODE = '42501',
                      HINT = 'open Database.read(scope) or Database.transaction(scope, ...) (ADR 015)';
            END $$
        `);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION "app_unscoped"() TO app_runtime`);
    for (const [fn, setting, type] of SETTINGS) {
      await queryRunner.query(`
            CREATE OR REPLACE FUNCTION "${fn}"() RETURNS ${type} LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT CASE WHEN current_setting('app.scoped', true) = 'on'
                              THEN nullif(current_setting('${setting}', true), '')::${type}
                              ELSE app_unscoped()::${type} END $$
        `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [fn, setting, type] of SETTINGS) {
      await queryRunner.query(`
            CREATE OR REPLACE FUNCTION "${fn}"() RETURNS ${type} LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT nullif(current_setting('${setting}', true), '')::${type} $$
        `);
    }
    await queryRunner.query(`DROP FUNCTION "app_unscoped"()`);
  }
}
