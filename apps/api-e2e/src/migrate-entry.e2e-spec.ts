import { Client } from 'pg';
import { BUILT_MIGRATE, createTestDatabase, freePort, startNode, testEnv, type TestDatabase } from '@app/testing';

describe('the built migration entry point (dist/apps/api/migrate.js)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('applies every migration to an empty database and exits 0; a second run applies none and exits 0', async () => {
    const first = startNode(BUILT_MIGRATE, testEnv({ MIGRATION_DATABASE_URL: db.url }));
    expect(await first.exited).toBe(0);
    const total = /"total":(\d+)/.exec(first.lines.join('\n'))?.[1];
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const rows = await client.query('SELECT name FROM migrations');
    await client.end();
    expect(rows.rowCount).toBe(Number(total));
    expect(Number(total)).toBeGreaterThan(0);

    const second = startNode(BUILT_MIGRATE, testEnv({ MIGRATION_DATABASE_URL: db.url }));
    expect(await second.exited).toBe(0);
    expect(second.lines.join('\n')).toContain('no pending migrations');
  });

  it('exits non-zero when the database is unreachable', async () => {
    const deadPort = await freePort();
    const migrate = startNode(
      BUILT_MIGRATE,
      testEnv({ MIGRATION_DATABASE_URL: `postgres://saas:saas@127.0.0.1:${deadPort}/nowhere` }),
    );
    expect(await migrate.exited).not.toBe(0);
    expect(migrate.lines.join('\n')).toContain('migration run failed');
  });
});
