import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { appDataSourceOptions } from '@app/database';

/** The apps' pool on a real PostgreSQL: every connection carries the statement timeout. */
describe('appDataSourceOptions', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(
      appDataSourceOptions({
        url: db.url,
        entities: [],
        migrations: [],
        slowQueryMs: 10_000,
        logStatements: false,
        poolSize: 2,
        statementTimeoutMs: 300,
      }),
    );
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('sets statement_timeout on the connections, and PostgreSQL cancels a statement past it', async () => {
    expect(await ds.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '300ms' }]);
    await expect(ds.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ driverError: { code: '57014' } });
    // The connection is still usable afterwards.
    expect(await ds.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
