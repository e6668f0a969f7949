import { Column, DataSource, Entity } from 'typeorm';
import { AbstractEntity, dataSourceOptions, pendingSchemaChanges, revertAllMigrations } from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { ENTITIES, MIGRATIONS } from './registry';

/** An entity no migration creates: what a forgotten `yarn migration:generate` looks like. */
@Entity('drift_probe')
class DriftProbeEntity extends AbstractEntity {
  @Column({ type: 'varchar', length: 50 })
  label!: string;
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/**
 * The migration checks of `yarn test:all` (a "medium" test on a real
 * PostgreSQL): all up on an empty database, down to zero, up again, and
 * entities vs. migrations (generate and expect nothing).
 */
describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions({ url: db.url, entities: ENTITIES, migrations: MIGRATIONS }));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('applies every migration to an empty database', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('entities and migrations agree (generating a migration would produce nothing)', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it('goes down to zero with every down(), and up again', async () => {
    expect(await revertAllMigrations(ds)).toBe(MIGRATIONS.length);
    expect(await tables(ds)).toEqual(['migrations']);
    const reapplied = await ds.runMigrations({ transaction: 'each' });
    expect(reapplied).toHaveLength(MIGRATIONS.length);
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it('enforces the rules that no code path may break: lower-cased, unique emails', async () => {
    const insert = (email: string) =>
      ds.query(`INSERT INTO users (email, name, password_hash) VALUES ($1, 'x', 'x')`, [email]);
    await insert('someone@example.com');
    await expect(insert('Someone@example.com')).rejects.toThrow(/CHK_users_email_lowercase/);
    await expect(insert('someone@example.com')).rejects.toThrow(/UQ_users_email/);
    await ds.query(`DELETE FROM users WHERE email = 'someone@example.com'`);
  });

  it('keeps the audit trail append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
    const rows = await ds.query<{ id: string }[]>(
      `INSERT INTO audit_logs (action, details) VALUES ('product.deleted', '{"name":"x"}') RETURNING id`,
    );
    await expect(ds.query(`UPDATE audit_logs SET action = 'nothing' WHERE id = $1`, [rows[0]?.id])).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(ds.query(`DELETE FROM audit_logs WHERE id = $1`, [rows[0]?.id])).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(ds.query('TRUNCATE audit_logs')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await ds.query(`SELECT action FROM audit_logs WHERE id = $1`, [rows[0]?.id])).toEqual([
      { action: 'product.deleted' },
    ]);
  });

  it('detects an entity change that has no migration', async () => {
    const drifted = new DataSource(
      dataSourceOptions({ url: db.url, entities: [...ENTITIES, DriftProbeEntity], migrations: MIGRATIONS }),
    );
    await drifted.initialize();
    try {
      const changes = await pendingSchemaChanges(drifted);
      expect(changes.some((sql) => sql.includes('CREATE TABLE "drift_probe"'))).toBe(true);
      expect(changes.join('\n')).toContain('"deleted_at" TIMESTAMP WITH TIME ZONE');
    } finally {
      await drifted.destroy();
    }
  });
});
