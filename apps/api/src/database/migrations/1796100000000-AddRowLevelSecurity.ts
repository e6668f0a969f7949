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

interface Policy {
  table: string;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  using?: string;
  check?: string;
}

const IN_TENANT = `"tenant_id" = app_tenant_id()`;

/** Rows are written, changed and removed only in the current tenant (`rule` names it). */
const writesIn = (table: string, rule = IN_TENANT): Policy[] => [
  { table, command: 'INSERT', check: rule },
  { table, command: 'UPDATE', using: rule, check: rule },
  { table, command: 'DELETE', using: rule },
];

const STALE_INVITATION = `app_path() = 'expire-invitations' AND "expires_at" <= now()`;

/** Permissive policies, ORed per command; a command with none sees and touches nothing. */
const POLICIES: Policy[] = [
  // Tags, products and their links: the tenant's rows, nothing else.
  ...['tags', 'products', 'product_tags'].map((table): Policy => ({
    table,
    command: 'ALL',
    using: IN_TENANT,
    check: IN_TENANT,
  })),
  // Tenants: the current one; those the user belongs to (me.tenants, login); every slug during sign-up.
  {
    table: 'tenants',
    command: 'SELECT',
    using: `"id" = app_tenant_id()
      OR "id" IN (SELECT m."tenant_id" FROM "memberships" m WHERE m."user_id" = app_user_id())
      OR app_path() = 'tenant-slugs'`,
  },
  ...writesIn('tenants', `"id" = app_tenant_id()`),
  // Memberships: the tenant's; the user's own in any tenant are readable (login, me, switchTenant).
  { table: 'memberships', command: 'SELECT', using: `${IN_TENANT} OR "user_id" = app_user_id()` },
  ...writesIn('memberships'),
  // Sessions: started in the current tenant; the user's own are readable and revocable in every tenant.
  { table: 'sessions', command: 'SELECT', using: `${IN_TENANT} OR "user_id" = app_user_id()` },
  { table: 'sessions', command: 'INSERT', check: IN_TENANT },
  {
    table: 'sessions',
    command: 'UPDATE',
    using: `${IN_TENANT} OR "user_id" = app_user_id()`,
    check: `${IN_TENANT} OR "user_id" = app_user_id()`,
  },
  { table: 'sessions', command: 'DELETE', using: IN_TENANT },
  // Invitations: the tenant's; the one whose token the invitee presented; stale PENDING ones for the expiry job.
  {
    table: 'invitations',
    command: 'SELECT',
    using: `${IN_TENANT} OR "token_hash" = app_invitation_token_hash()
      OR (${STALE_INVITATION} AND "status" IN ('PENDING', 'EXPIRED'))`,
  },
  { table: 'invitations', command: 'INSERT', check: IN_TENANT },
  {
    table: 'invitations',
    command: 'UPDATE',
    using: `${IN_TENANT} OR "token_hash" = app_invitation_token_hash()
      OR (${STALE_INVITATION} AND "status" = 'PENDING')`,
    check: `${IN_TENANT} OR "token_hash" = app_invitation_token_hash()
      OR (app_path() = 'expire-invitations' AND "status" = 'EXPIRED')`,
  },
  { table: 'invitations', command: 'DELETE', using: IN_TENANT },
  // Audit trail: read by the tenant; written for the tenant, for no tenant, or by the expiry job.
  { table: 'audit_logs', command: 'SELECT', using: IN_TENANT },
  {
    table: 'audit_logs',
    command: 'INSERT',
    check: `"tenant_id" IS NULL OR ${IN_TENANT}
      OR (app_path() = 'expire-invitations' AND "action" = 'invitation.expired')`,
  },
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

    for (const { table, command, using, check } of POLICIES) {
      const name = command === 'ALL' ? `${table}_tenant` : `${table}_${command.toLowerCase()}`;
      await queryRunner.query(
        `CREATE POLICY "${name}" ON "${table}" FOR ${command}` +
          (using ? ` USING (${using})` : '') +
          (check ? ` WITH CHECK (${check})` : ''),
      );
    }
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
