import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose every row belongs to one tenant: RLS enabled and forced (ADR 003, ADR 013). */
const TENANT_TABLES = [
  'tenants',
  'memberships',
  'sessions',
  'invitations',
  'tags',
  'products',
  'product_tags',
  'audit_logs',
];

/** What the runtime role (API, worker) may do; the audit trail only grows. */
const RUNTIME_GRANTS: [string, string][] = [
  ['users', 'SELECT, INSERT, UPDATE, DELETE'],
  ['tenants', 'SELECT, INSERT, UPDATE, DELETE'],
  ['memberships', 'SELECT, INSERT, UPDATE, DELETE'],
  ['sessions', 'SELECT, INSERT, UPDATE, DELETE'],
  ['refresh_tokens', 'SELECT, INSERT, UPDATE, DELETE'],
  ['user_tokens', 'SELECT, INSERT, UPDATE, DELETE'],
  ['invitations', 'SELECT, INSERT, UPDATE, DELETE'],
  ['tags', 'SELECT, INSERT, UPDATE, DELETE'],
  ['products', 'SELECT, INSERT, UPDATE, DELETE'],
  ['product_tags', 'SELECT, INSERT, UPDATE, DELETE'],
  ['outbox', 'SELECT, INSERT, UPDATE, DELETE'],
  ['processed_jobs', 'SELECT, INSERT, UPDATE, DELETE'],
  ['audit_logs', 'SELECT, INSERT'],
];

/**
 * Row-level security, the second wall behind the services' tenant filter.
 * The runtime role `app_runtime` (NOLOGIN; the API's and worker's login role
 * is a member of it) gets table privileges but owns nothing; every policy
 * reads the transaction-local settings the app sets with `set_config(…, true)`.
 * The cross-tenant paths are named policies limited to the rows they need.
 */
export class AddRowLevelSecurity1796100000000 implements MigrationInterface {
  name = 'AddRowLevelSecurity1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Roles belong to the whole server: created once if missing, never dropped by a migration.
    await queryRunner.query(`
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_runtime') THEN
                BEGIN
                  CREATE ROLE app_runtime NOLOGIN;
                EXCEPTION
                  WHEN duplicate_object OR unique_violation THEN NULL;
                  WHEN insufficient_privilege THEN
                    RAISE EXCEPTION 'role app_runtime does not exist and % may not create it', current_user
                      USING HINT = 'as an administrator: CREATE ROLE app_runtime NOLOGIN; GRANT app_runtime TO <the API''s login role> (README, "Deploying")';
                END;
              END IF;
            END $$
        `);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO app_runtime`);
    for (const [table, privileges] of RUNTIME_GRANTS) {
      await queryRunner.query(`GRANT ${privileges} ON TABLE "${table}" TO app_runtime`);
    }

    // The settings, read once per statement. '' (a setting reset at the end of a transaction) means none.
    for (const [fn, setting, type] of [
      ['app_tenant_id', 'app.tenant_id', 'uuid'],
      ['app_user_id', 'app.user_id', 'uuid'],
      ['app_invitation_token_hash', 'app.invitation_token_hash', 'text'],
      ['app_path', 'app.path', 'text'],
    ]) {
      await queryRunner.query(`
            CREATE FUNCTION "${fn}"() RETURNS ${type} LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT nullif(current_setting('${setting}', true), '')::${type} $$
        `);
    }

    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
    }

    // Tags, products and their links: the tenant's rows, nothing else.
    for (const table of ['tags', 'products', 'product_tags']) {
      await queryRunner.query(`
            CREATE POLICY "${table}_tenant" ON "${table}"
            USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id())
        `);
    }

    // Tenants: the current one; those the user belongs to (me.tenants, login); every slug during sign-up.
    await queryRunner.query(`
            CREATE POLICY "tenants_select" ON "tenants" FOR SELECT USING (
              "id" = app_tenant_id()
              OR "id" IN (SELECT m."tenant_id" FROM "memberships" m WHERE m."user_id" = app_user_id())
              OR app_path() = 'tenant-slugs'
            )
        `);
    await queryRunner.query(
      `CREATE POLICY "tenants_insert" ON "tenants" FOR INSERT WITH CHECK ("id" = app_tenant_id())`,
    );
    await queryRunner.query(`
            CREATE POLICY "tenants_update" ON "tenants" FOR UPDATE
            USING ("id" = app_tenant_id()) WITH CHECK ("id" = app_tenant_id())
        `);
    await queryRunner.query(`CREATE POLICY "tenants_delete" ON "tenants" FOR DELETE USING ("id" = app_tenant_id())`);

    // Memberships: the tenant's; the user's own in any tenant are readable (login, me, switchTenant).
    await queryRunner.query(`
            CREATE POLICY "memberships_select" ON "memberships" FOR SELECT
            USING ("tenant_id" = app_tenant_id() OR "user_id" = app_user_id())
        `);
    await queryRunner.query(`
            CREATE POLICY "memberships_insert" ON "memberships" FOR INSERT WITH CHECK ("tenant_id" = app_tenant_id())
        `);
    await queryRunner.query(`
            CREATE POLICY "memberships_update" ON "memberships" FOR UPDATE
            USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id())
        `);
    await queryRunner.query(`
            CREATE POLICY "memberships_delete" ON "memberships" FOR DELETE USING ("tenant_id" = app_tenant_id())
        `);

    // Sessions: started in the current tenant; the user's own are readable and revocable in every tenant.
    await queryRunner.query(`
            CREATE POLICY "sessions_select" ON "sessions" FOR SELECT
            USING ("tenant_id" = app_tenant_id() OR "user_id" = app_user_id())
        `);
    await queryRunner.query(`
            CREATE POLICY "sessions_insert" ON "sessions" FOR INSERT WITH CHECK ("tenant_id" = app_tenant_id())
        `);
    await queryRunner.query(`
            CREATE POLICY "sessions_update" ON "sessions" FOR UPDATE
            USING ("tenant_id" = app_tenant_id() OR "user_id" = app_user_id())
            WITH CHECK ("tenant_id" = app_tenant_id() OR "user_id" = app_user_id())
        `);
    await queryRunner.query(`
            CREATE POLICY "sessions_delete" ON "sessions" FOR DELETE USING ("tenant_id" = app_tenant_id())
        `);

    // Invitations: the tenant's; the one whose token the invitee presented; stale PENDING ones for the expiry job.
    await queryRunner.query(`
            CREATE POLICY "invitations_select" ON "invitations" FOR SELECT USING (
              "tenant_id" = app_tenant_id()
              OR "token_hash" = app_invitation_token_hash()
              OR (app_path() = 'expire-invitations' AND "expires_at" <= now() AND "status" IN ('PENDING', 'EXPIRED'))
            )
        `);
    await queryRunner.query(`
            CREATE POLICY "invitations_insert" ON "invitations" FOR INSERT WITH CHECK ("tenant_id" = app_tenant_id())
        `);
    await queryRunner.query(`
            CREATE POLICY "invitations_update" ON "invitations" FOR UPDATE
            USING (
              "tenant_id" = app_tenant_id()
              OR "token_hash" = app_invitation_token_hash()
              OR (app_path() = 'expire-invitations' AND "expires_at" <= now() AND "status" = 'PENDING')
            )
            WITH CHECK (
              "tenant_id" = app_tenant_id()
              OR "token_hash" = app_invitation_token_hash()
              OR (app_path() = 'expire-invitations' AND "status" = 'EXPIRED')
            )
        `);
    await queryRunner.query(`
            CREATE POLICY "invitations_delete" ON "invitations" FOR DELETE USING ("tenant_id" = app_tenant_id())
        `);

    // Audit trail: read by the tenant; written for the tenant, for no tenant, or by the expiry job.
    await queryRunner.query(`
            CREATE POLICY "audit_logs_select" ON "audit_logs" FOR SELECT USING ("tenant_id" = app_tenant_id())
        `);
    await queryRunner.query(`
            CREATE POLICY "audit_logs_insert" ON "audit_logs" FOR INSERT WITH CHECK (
              "tenant_id" IS NULL
              OR "tenant_id" = app_tenant_id()
              OR (app_path() = 'expire-invitations' AND "action" = 'invitation.expired')
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const policies = (await queryRunner.query(
      `SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'public' AND tablename = ANY($1)`,
      [TENANT_TABLES],
    )) as { policyname: string; tablename: string }[];
    for (const { policyname, tablename } of policies) {
      await queryRunner.query(`DROP POLICY "${policyname}" ON "${tablename}"`);
    }
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    for (const fn of ['app_path', 'app_invitation_token_hash', 'app_user_id', 'app_tenant_id']) {
      await queryRunner.query(`DROP FUNCTION "${fn}"()`);
    }
    for (const [table] of RUNTIME_GRANTS) {
      await queryRunner.query(`REVOKE ALL ON TABLE "${table}" FROM app_runtime`);
    }
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM app_runtime`);
  }
}
