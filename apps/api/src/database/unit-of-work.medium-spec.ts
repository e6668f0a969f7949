import fc from 'fast-check';
import { Client } from 'pg';
import { Database, STATEMENTS_KEPT, type Scope } from '@app/database';
import { mediumDatabase, seedTenant, type MediumDatabase } from '@app/testing';
import { MIGRATIONS } from './registry';

describe('units of work (real PostgreSQL, the runtime role)', () => {
  let db: MediumDatabase;
  let database: Database;
  let a: { tenantId: string; userId: string };
  let b: { tenantId: string; userId: string };
  /** A plain connection as the runtime role: what the pool's sessions look like from outside a unit of work. */
  let plain: Client;

  beforeAll(async () => {
    // One pooled connection: every statement below reuses the same session, so leftovers would show.
    db = await mediumDatabase({ entities: [], migrations: MIGRATIONS, poolSize: 1 });
    database = new Database(db.dataSource);
    a = await seedTenant(db.owner, 'Alpha');
    b = await seedTenant(db.owner, 'Beta');
    for (const [t, name] of [
      [a, 'apple'],
      [a, 'avocado'],
      [b, 'banana'],
    ] as const) {
      await db.owner.query(`INSERT INTO tags (tenant_id, name) VALUES ($1, $2)`, [t.tenantId, name]);
    }
    plain = new Client({ connectionString: db.appUrl });
    await plain.connect();
  });
  afterAll(async () => {
    await plain.end();
    await db.close();
  });

  const tagNames = (scope: Scope) =>
    database
      .read(scope)
      .query<{ name: string }>('SELECT name FROM tags ORDER BY name')
      .then((rows) => rows.map((r) => r.name));

  it('shows a read unit of work its tenant’s rows and nothing else', async () => {
    expect(await tagNames({ tenantId: a.tenantId })).toEqual(['apple', 'avocado']);
    expect(await tagNames({ tenantId: b.tenantId })).toEqual(['banana']);
    // Row-level security, not the statement: the same SQL under a scope without a tenant sees nothing.
    expect(await tagNames({})).toEqual([]);
  });

  it('refuses a tenant-table statement outside any unit of work, naming the call site', async () => {
    const outside = async function readTagsWithoutAScope(): Promise<unknown> {
      return db.dataSource.query('SELECT name FROM tags');
    };
    const err = await outside().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/a tenant table was queried outside any unit of work/);
    // The stack leads to the code that ran it (async stack traces through TypeORM).
    expect((err as Error).stack).toContain('unit-of-work.medium-spec.ts');
    // A plain connection as the runtime role, the same; a table without tenants answers as usual.
    await expect(plain.query('SELECT name FROM tags')).rejects.toThrow(/outside any unit of work/);
    expect((await plain.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]?.n).toBeGreaterThan(0);
  });

  it('sets the scope for the statement only: the pooled session keeps none of it', async () => {
    const work = database.read({ tenantId: a.tenantId, userId: a.userId });
    const [during] = await work.query<{ t: string; u: string }>(
      `SELECT current_setting('app.tenant_id', true) AS t, current_setting('app.user_id', true) AS u`,
    );
    expect(during).toEqual({ t: a.tenantId, u: a.userId });
    // The next statement on the same (only) connection, outside any unit of work: TypeORM's own path.
    const [after] = await db.dataSource.query<{ t: string | null }[]>(
      `SELECT current_setting('app.tenant_id', true) AS t`,
    );
    expect(after).toEqual({ t: '' });
  });

  it('binds values as parameters: any string comes back as it went in and is never SQL', async () => {
    const work = database.read({ tenantId: a.tenantId });
    const hostile = ["'; DROP TABLE tags; --", "\\'", '$1', '"', "E'\\x41'", "O'Brien", '$$ $tag$'];
    for (const value of hostile) {
      const [row] = await work.query<{ v: string }>('SELECT $1::text AS v', [value]);
      expect(row).toEqual({ v: value });
    }
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')),
        fc.array(fc.integer()),
        fc.option(fc.boolean()),
        async (text, ints, flag) => {
          const [row] = await work.query<{ t: string; i: number[]; f: boolean | null }>(
            'SELECT $1::text AS t, $2::int[] AS i, $3::boolean AS f',
            [text, ints, flag],
          );
          expect(row).toEqual({ t: text, i: ints, f: flag });
        },
      ),
      { numRuns: 300 },
    );
    expect(await tagNames({ tenantId: a.tenantId })).toEqual(['apple', 'avocado']);
  });

  it('binds Dates, JSON and nulls as pg does', async () => {
    const at = new Date('2026-12-04T10:11:12.345Z');
    const [row] = await database
      .read({})
      .query<{ d: Date; j: unknown; n: null }>('SELECT $1::timestamptz AS d, $2::jsonb AS j, $3::text AS n', [
        at,
        { a: [1, 'two'] },
        null,
      ]);
    expect(row).toEqual({ d: at, j: { a: [1, 'two'] }, n: null });
  });

  it('refuses a malformed scope value before anything is sent', () => {
    expect(() => database.read({ tenantId: "x' OR true --" })).toThrow(/malformed database scope value for tenantId/);
    expect(() => database.read({ path: 'everything' as never })).toThrow(/malformed database scope value for path/);
  });

  it('keeps the connection usable after a failed statement, and prepares nothing twice', async () => {
    const work = database.read({ tenantId: a.tenantId });
    // A statement PostgreSQL cannot parse: the same error each time (no stale prepared name left behind).
    for (let i = 0; i < 2; i++) {
      await expect(work.query('SELECT nope FROM tags')).rejects.toMatchObject({ code: '42703' });
    }
    // Parsed, then failing at run time; then the same statement succeeds.
    await expect(work.query('SELECT 1 / $1::int AS x', [0])).rejects.toMatchObject({ code: '22012' });
    expect(await work.query('SELECT 1 / $1::int AS x', [1])).toEqual([{ x: 1 }]);
    // A value pg cannot serialise fails that statement only.
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    await expect(work.query('SELECT $1::jsonb AS j', [circular])).rejects.toThrow();
    expect(await tagNames({ tenantId: a.tenantId })).toEqual(['apple', 'avocado']);
  });

  it('prepares a statement once per connection and keeps a bounded number of them', async () => {
    const work = database.read({ tenantId: a.tenantId });
    const prepared = () =>
      work.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements');
    await work.query('SELECT count(*) FROM tags WHERE name <> $1', ['x']);
    await work.query('SELECT count(*) FROM tags WHERE name <> $1', ['y']);
    const once = (await prepared()).filter((p) => p.statement === 'SELECT count(*) FROM tags WHERE name <> $1');
    expect(once).toHaveLength(1);
    for (let i = 0; i < STATEMENTS_KEPT + 20; i++) await work.query(`SELECT ${i} AS n`);
    // The scope's own statement, the kept ones (the listing itself among them), no more.
    expect((await prepared()).length).toBeLessThanOrEqual(STATEMENTS_KEPT + 1);
  });

  it('runs a transaction under its scope, commits it, and rolls it back on failure', async () => {
    const inserted = await database.transaction({ tenantId: a.tenantId }, async (tx) => {
      await tx.query(`INSERT INTO tags (tenant_id, name) VALUES ($1, 'apricot')`, [a.tenantId]);
      return tx.query<{ name: string }>('SELECT name FROM tags ORDER BY name');
    });
    expect(inserted.map((r) => r.name)).toEqual(['apple', 'apricot', 'avocado']);
    await expect(
      database.transaction({ tenantId: a.tenantId }, async (tx) => {
        await tx.query(`INSERT INTO tags (tenant_id, name) VALUES ($1, 'almond')`, [a.tenantId]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await tagNames({ tenantId: a.tenantId })).toEqual(['apple', 'apricot', 'avocado']);
    // Row-level security on writes: another tenant's row is refused, not written.
    await expect(
      database.transaction({ tenantId: a.tenantId }, (tx) =>
        tx.query(`INSERT INTO tags (tenant_id, name) VALUES ($1, 'bilberry')`, [b.tenantId]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('rescopes a transaction explicitly, replacing every setting', async () => {
    const seen = await database.transaction({ userId: a.userId, path: 'tenant-slugs' }, async (tx) => {
      const before = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants');
      await tx.rescope({ tenantId: b.tenantId });
      const after = await tx.query<{ name: string }>('SELECT name FROM tags');
      const path = await tx.query<{ p: string }>(`SELECT current_setting('app.path', true) AS p`);
      return { before: before[0]?.n, after: after.map((r) => r.name), path: path[0]?.p, scope: tx.scope };
    });
    expect(seen).toEqual({ before: 2, after: ['banana'], path: '', scope: { tenantId: b.tenantId } });
  });
});
