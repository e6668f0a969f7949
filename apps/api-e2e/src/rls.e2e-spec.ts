import { Client } from 'pg';
import {
  BUILT_API,
  BUILT_WORKER,
  bearer,
  freePort,
  graphql,
  migratedDatabase,
  productionEnv,
  signUpOwner,
  startApi,
  startNode,
  testEnv,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

/** The tenant tables this file fills through the API (each must then hold rows of both tenants). */
const SEEDED_TENANT_TABLES = [
  'audit_logs',
  'invitations',
  'memberships',
  'product_tags',
  'products',
  'sessions',
  'tags',
  'tenants',
];
/** Tables with a tenant_id column that are not behind row-level security, each a decision of ADR 013. */
const NOT_RLS_WITH_TENANT_ID = ['outbox'];

interface TableSecurity {
  table: string;
  enabled: boolean;
  forced: boolean;
  policies: number;
}

/**
 * The tenant tables, from the catalog (no list to keep up to date: a
 * generated module's table is found like the others): `tenants`, and every
 * table with a tenant_id column but the recorded exceptions; with whether
 * each is behind forced row-level security with a policy.
 */
async function tenantTables(client: Client): Promise<TableSecurity[]> {
  const rows = await client.query<TableSecurity>(
    `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
            (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND (c.relname = 'tenants' OR EXISTS (
              SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
        AND c.relname <> ALL($1::text[])
      ORDER BY c.relname`,
    [NOT_RLS_WITH_TENANT_ID],
  );
  return rows.rows;
}

/** Those of `tables` not behind enabled, forced row-level security with at least one policy. */
const unprotected = (tables: TableSecurity[]): string[] =>
  tables.filter((t) => !t.enabled || !t.forced || t.policies === 0).map((t) => t.table);

/** The column naming a row's tenant. */
const tenantColumn = (table: string): string => (table === 'tenants' ? 'id' : 'tenant_id');

/**
 * Row-level security, the second wall: a raw connection as the API's own
 * role (DATABASE_URL), with and without the transaction-local settings the
 * app sets, against data of two tenants made through the API.
 */
describe('row-level security', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: Client; // the table owner: sees everything (BYPASSRLS), to prove there is something to hide
  let app: Client; // the runtime role, as the API connects
  let a: TestSession;
  let b: TestSession;
  /** Every tenant table of the schema (from the catalog). */
  let tenantTableNames: string[] = [];

  const ownerCount = async (table: string, tenantId?: string): Promise<number> => {
    const where = tenantId ? `WHERE ${tenantColumn(table)} = $1` : '';
    const res = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} ${where}`,
      tenantId ? [tenantId] : [],
    );
    return res.rows[0]?.n ?? 0;
  };

  /**
   * Runs `fn` on the runtime role's connection in a transaction with these settings, as a unit of work
   * sets them (`app.scoped` with them), then rolls back.
   */
  async function asApp<T>(settings: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      for (const [name, value] of Object.entries({ 'app.scoped': 'on', ...settings })) {
        await app.query('SELECT set_config($1, $2, true)', [name, value]);
      }
      return await fn();
    } finally {
      await app.query('ROLLBACK');
    }
  }
  const appCount = async (table: string): Promise<number> =>
    (await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;

  async function seedTenant(session: TestSession, label: string): Promise<void> {
    const tag = await graphql<{ createTag: { id: string } }>(
      api.url,
      'mutation T($n: String!) { createTag(input: { name: $n }) { id } }',
      { n: `tag ${label}` },
      bearer(session),
    );
    const product = await graphql(
      api.url,
      'mutation P($t: [ID!]) { createProduct(input: { name: "Widget", price: 9.5, tagIds: $t }) { id } }',
      { t: [tag.body.data?.createTag.id] },
      bearer(session),
    );
    const invite = await graphql(
      api.url,
      'mutation I($e: String!) { inviteMember(input: { email: $e, role: MEMBER }) { id } }',
      { e: `invitee.${label}@example.com` },
      bearer(session),
    );
    for (const res of [tag, product, invite]) expect(res.body.errors).toBeUndefined();
  }

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl }));
    [a, b] = await Promise.all([signUpOwner(api.url, 'Wall A'), signUpOwner(api.url, 'Wall B')]);
    await seedTenant(a, 'a');
    await seedTenant(b, 'b');
    owner = new Client({ connectionString: db.url });
    app = new Client({ connectionString: db.appUrl });
    await Promise.all([owner.connect(), app.connect()]);
    tenantTableNames = (await tenantTables(owner)).map((t) => t.table);
  });
  afterAll(async () => {
    await Promise.all([owner.end(), app.end()]);
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('connects as a role that owns no table, is no superuser and does not bypass row-level security', async () => {
    const role = await app.query<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
      `SELECT r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('has row-level security enabled and forced, with policies, on every tenant table', async () => {
    const tables = await tenantTables(owner);
    expect(unprotected(tables)).toEqual([]);
    // Every table this file knows of is among them (the catalog query finds what it should).
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(SEEDED_TENANT_TABLES));
    // And no table is behind row-level security without being a tenant table (a forgotten tenant_id?).
    const rls = await owner.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity ORDER BY c.relname`,
    );
    expect(rls.rows.map((r) => r.table)).toEqual(tables.map((t) => t.table));
  });

  it('finds a hand-made tenant table without row-level security (the check can fail)', async () => {
    await owner.query('CREATE TABLE rls_probe (id uuid PRIMARY KEY, tenant_id uuid NOT NULL)');
    try {
      expect(unprotected(await tenantTables(owner))).toEqual(['rls_probe']);
      await owner.query('ALTER TABLE rls_probe ENABLE ROW LEVEL SECURITY');
      // Enabled but not forced, and without a policy: still unprotected.
      expect(unprotected(await tenantTables(owner))).toEqual(['rls_probe']);
      await owner.query('ALTER TABLE rls_probe FORCE ROW LEVEL SECURITY');
      await owner.query(`CREATE POLICY rls_probe_tenant ON rls_probe USING (tenant_id = app_tenant_id())`);
      expect(unprotected(await tenantTables(owner))).toEqual([]);
    } finally {
      await owner.query('DROP TABLE rls_probe');
    }
  });

  it('shows no row of any tenant table to a scope without a tenant, and refuses a statement with no scope', async () => {
    for (const table of SEEDED_TENANT_TABLES)
      expect({ table, rows: (await ownerCount(table)) > 0 }).toEqual({ table, rows: true });
    for (const table of tenantTableNames) {
      // A unit of work whose scope names no tenant, user or path: nothing.
      expect({ table, rows: await asApp({}, () => appCount(table)) }).toEqual({ table, rows: 0 });
      // No unit of work at all (outside any transaction, or in one that set no scope): an error, not empty rows.
      await expect(appCount(table)).rejects.toThrow(/outside any unit of work/);
      await app.query('BEGIN');
      try {
        await expect(appCount(table)).rejects.toThrow(/outside any unit of work/);
      } finally {
        await app.query('ROLLBACK');
      }
    }
  });

  it("with tenant A set, reads exactly A's rows and cannot read, change or create B's", async () => {
    await asApp({ 'app.tenant_id': a.tenant.id }, async () => {
      for (const table of tenantTableNames) {
        const seen = await app.query<{ t: string }>(`SELECT ${tenantColumn(table)}::text AS t FROM ${table}`);
        const expected = await ownerCount(table, a.tenant.id);
        expect({ table, rows: seen.rows.length }).toEqual({ table, rows: expected });
        expect(seen.rows.every((r) => r.t === a.tenant.id)).toBe(true);
      }
      // B's rows: invisible to UPDATE and DELETE.
      for (const table of ['tags', 'products', 'invitations', 'memberships']) {
        const updated = await app.query(`UPDATE ${table} SET updated_at = now() WHERE tenant_id = $1`, [b.tenant.id]);
        expect({ table, updated: updated.rowCount }).toEqual({ table, updated: 0 });
      }
      const deleted = await app.query('DELETE FROM products WHERE tenant_id = $1', [b.tenant.id]);
      expect(deleted.rowCount).toBe(0);
    });
    // Writing a row into B, or moving A's row to B, is refused outright.
    await asApp({ 'app.tenant_id': a.tenant.id }, async () => {
      await expect(
        app.query(`INSERT INTO tags (tenant_id, name) VALUES ($1, 'smuggled')`, [b.tenant.id]),
      ).rejects.toThrow(/row-level security/);
    });
    await asApp({ 'app.tenant_id': a.tenant.id }, async () => {
      await expect(app.query('UPDATE products SET tenant_id = $1', [b.tenant.id])).rejects.toThrow(
        /row-level security/,
      );
    });
    // B's rows are all still there.
    expect(await ownerCount('products', b.tenant.id)).toBe(1);
    expect(await ownerCount('tags', b.tenant.id)).toBe(1);
  });

  it('keeps the settings to their transaction: the next statement on the same connection has no scope', async () => {
    expect(await asApp({ 'app.tenant_id': a.tenant.id }, () => appCount('products'))).toBe(1);
    await expect(appCount('products')).rejects.toThrow(/outside any unit of work/);
  });

  it("the user path shows the user's own memberships, sessions and tenants, and nothing of other tenants' data", async () => {
    await asApp({ 'app.user_id': a.user.id }, async () => {
      const memberships = await app.query<{ user_id: string }>('SELECT user_id::text FROM memberships');
      expect(memberships.rows.length).toBeGreaterThan(0);
      expect(memberships.rows.every((r) => r.user_id === a.user.id)).toBe(true);
      const sessions = await app.query<{ user_id: string }>('SELECT user_id::text FROM sessions');
      expect(sessions.rows.length).toBeGreaterThan(0);
      expect(sessions.rows.every((r) => r.user_id === a.user.id)).toBe(true);
      expect((await app.query<{ id: string }>('SELECT id::text FROM tenants')).rows).toEqual([{ id: a.tenant.id }]);
      for (const table of ['products', 'tags', 'product_tags', 'invitations', 'audit_logs']) {
        expect({ table, rows: await appCount(table) }).toEqual({ table, rows: 0 });
      }
      // Readable is not writable: no membership can be added on the user path.
      await expect(
        app.query(`INSERT INTO memberships (user_id, tenant_id, role) VALUES ($1, $2, 'OWNER')`, [
          a.user.id,
          b.tenant.id,
        ]),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it('the invitation-token path shows that one invitation and nothing else', async () => {
    const invitation = await owner.query<{ id: string; token_hash: string }>(
      'SELECT id::text, token_hash FROM invitations WHERE tenant_id = $1',
      [b.tenant.id],
    );
    expect(invitation.rows).toHaveLength(1);
    const target = invitation.rows[0];
    await asApp({ 'app.invitation_token_hash': target.token_hash }, async () => {
      expect((await app.query<{ id: string }>('SELECT id::text FROM invitations')).rows).toEqual([{ id: target.id }]);
      for (const table of ['tenants', 'memberships', 'products', 'tags', 'audit_logs']) {
        expect({ table, rows: await appCount(table) }).toEqual({ table, rows: 0 });
      }
    });
  });

  it('the expiry path sees only stale PENDING invitations, and may only expire them', async () => {
    expect(await asApp({ 'app.path': 'expire-invitations' }, () => appCount('invitations'))).toBe(0);
    await owner.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE tenant_id = $1`, [
      b.tenant.id,
    ]);
    try {
      await asApp({ 'app.path': 'expire-invitations' }, async () => {
        const seen = await app.query<{ tenant_id: string }>('SELECT tenant_id::text FROM invitations');
        expect(seen.rows).toEqual([{ tenant_id: b.tenant.id }]);
        expect(await appCount('products')).toBe(0);
        await expect(app.query(`UPDATE invitations SET status = 'REVOKED'`)).rejects.toThrow(/row-level security/);
      });
    } finally {
      await owner.query(`UPDATE invitations SET expires_at = now() + interval '7 days' WHERE tenant_id = $1`, [
        b.tenant.id,
      ]);
    }
  });

  it('the tenant-slugs path reads tenants, and no tenant data', async () => {
    await asApp({ 'app.path': 'tenant-slugs' }, async () => {
      expect(await appCount('tenants')).toBe(await ownerCount('tenants'));
      for (const table of ['memberships', 'products', 'tags', 'invitations', 'audit_logs', 'sessions']) {
        expect({ table, rows: await appCount(table) }).toEqual({ table, rows: 0 });
      }
    });
  });

  it('the audit trail cannot be changed or deleted by the runtime role, even in its own tenant', async () => {
    await asApp({ 'app.tenant_id': a.tenant.id }, async () => {
      await expect(app.query(`UPDATE audit_logs SET action = 'forged'`)).rejects.toThrow(/permission denied/);
    });
    await asApp({ 'app.tenant_id': a.tenant.id }, async () => {
      await expect(app.query('DELETE FROM audit_logs')).rejects.toThrow(/permission denied/);
    });
  });

  it("serves each tenant its own data through the API (the app's scope reaches every statement)", async () => {
    const page = async (who: TestSession) =>
      graphql<{ products: { totalCount: number; edges: { node: { tags: { name: string }[] } }[] } }>(
        api.url,
        '{ products { totalCount edges { node { tags { name } } } } }',
        {},
        bearer(who),
      );
    const [pa, pb] = await Promise.all([page(a), page(b)]);
    expect(pa.body.data?.products).toEqual({ totalCount: 1, edges: [{ node: { tags: [{ name: 'tag a' }] } }] });
    expect(pb.body.data?.products).toEqual({ totalCount: 1, edges: [{ node: { tags: [{ name: 'tag b' }] } }] });
  });

  it('will not start the API or the worker in production as a role that skips row-level security', async () => {
    // db.url is the table owner (BYPASSRLS here): exactly the misconfiguration to refuse.
    for (const [script, name] of [
      [BUILT_API, 'api'],
      [BUILT_WORKER, 'worker'],
    ] as const) {
      const proc = startNode(script, productionEnv({ DATABASE_URL: db.url, PORT: String(await freePort()) }));
      const code = await proc.exited;
      expect({ name, code }).not.toEqual({ name, code: 0 });
      expect(proc.lines.join('\n')).toMatch(/DATABASE_URL must be the runtime role.*owns \d+ table/);
    }
  });
});
