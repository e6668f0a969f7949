import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { appDataSourceOptions, dataSourceOptions, appDataSource } from '@app/database';
import { adminDatabaseUrl, createTestDatabase, databaseUrl, type TestDatabase } from './database';

type Migration = new () => unknown;

export interface MediumDatabase extends TestDatabase {
  /** The apps' data source, as the runtime role (row-level security applies). */
  dataSource: DataSource;
  /** The owner, for arranging rows and asserting on them (bypasses row-level security). */
  owner: Client;
  close(): Promise<void>;
}

/**
 * A migrated database of its own for one medium test file (a copy of the
 * run's template), with the data source the apps build (`appDataSourceOptions`,
 * pool of `poolSize`) as the runtime role, and an owner connection.
 */
export async function mediumDatabase(options: {
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  migrations: Migration[];
  poolSize?: number;
  logStatements?: boolean;
}): Promise<MediumDatabase> {
  const template = await migratedTemplate(options.migrations);
  const db = await createTestDatabase(template);
  const dataSource = await appDataSource(
    appDataSourceOptions({
      url: db.appUrl,
      entities: options.entities,
      migrations: [],
      applicationName: 'medium-test',
      slowQueryMs: 1000,
      logStatements: options.logStatements ?? false,
      statementTimeoutMs: 10000,
      poolSize: options.poolSize ?? 4,
    }),
  );
  const owner = new Client({ connectionString: db.url });
  await owner.connect();
  return {
    ...db,
    dataSource,
    owner,
    async close() {
      await owner.end();
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/**
 * The database migrated with `migrations`, made once and then copied: its
 * name is a hash of the migrations' code, so a changed migration makes a new
 * one (and the old ones are dropped). Test files running in parallel wait on
 * an advisory lock for the one that makes it.
 */
async function migratedTemplate(migrations: Migration[]): Promise<string> {
  const hash = createHash('sha256');
  for (const m of migrations)
    hash
      .update(m.name)
      .update(String((m.prototype as { up?: unknown }).up))
      .update('\0');
  const name = `medium_template_${hash.digest('hex').slice(0, 16)}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext('medium_template'))`);
    const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (found.rowCount === 0) {
      const stale = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'medium\\_template\\_%'`,
      );
      for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}_new"`);
      const ds = new DataSource(dataSourceOptions({ url: databaseUrl(`${name}_new`), entities: [], migrations }));
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        await ds.destroy();
      }
      // Renamed only once complete: a run killed half-way leaves no half-migrated template behind.
      await admin.query(`ALTER DATABASE "${name}_new" RENAME TO "${name}"`);
    }
    return name;
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(hashtext('medium_template'))`).catch(() => undefined);
    await admin.end();
  }
}

/** Arranges a tenant with one owner straight into the tables (as the owner role); their ids. */
export async function seedTenant(owner: Client, name = 'Shop'): Promise<{ tenantId: string; userId: string }> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const user = await owner.query<{ id: string }>(
    `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, 'x') RETURNING id`,
    [`${suffix}@example.com`, `${name} owner`],
  );
  const tenant = await owner.query<{ id: string }>(`INSERT INTO tenants (name, slug) VALUES ($1, $2) RETURNING id`, [
    name,
    `${name.toLowerCase()}-${suffix}`,
  ]);
  const userId = user.rows[0]?.id;
  const tenantId = tenant.rows[0]?.id;
  if (!userId || !tenantId) throw new Error('seeding failed');
  await owner.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'OWNER')`, [tenantId, userId]);
  return { tenantId, userId };
}
