import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The owner of the tables (the developer's MIGRATION_DATABASE_URL, or the
 * default): creates the test databases, runs their migrations, and reads or
 * writes them directly in assertions (it bypasses row-level security).
 */
export function adminDatabaseUrl(): string {
  return process.env['MIGRATION_DATABASE_URL'] ?? 'postgres://saas:saas@127.0.0.1:5432/saas';
}

/** The runtime role the API and worker connect as (DATABASE_URL, or the default): owns nothing, RLS applies. */
export function appRoleDatabaseUrl(): string {
  return process.env['DATABASE_URL'] ?? 'postgres://saas_app:saas_app@127.0.0.1:5432/saas';
}

function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Database `name` as the owner. */
export function databaseUrl(name: string): string {
  return withDatabase(adminDatabaseUrl(), name);
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  /** As the owner (migrations, direct reads and writes in tests). */
  url: string;
  /** As the runtime role: what the API and worker under test get as DATABASE_URL. */
  appUrl: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database for one test file (`test_<random>`), so files run in
 * parallel and in any order. `template`: copy that database instead (a
 * migrated template is much faster than migrating each copy).
 */
export async function createTestDatabase(template?: string): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return {
    name,
    url: databaseUrl(name),
    appUrl: withDatabase(appRoleDatabaseUrl(), name),
    drop: () => withAdmin((c) => dropDatabase(c, name)),
  };
}

/** Drops database `name` (a template left by a test run's setup). */
export function dropTestDatabase(name: string): Promise<void> {
  return withAdmin((c) => dropDatabase(c, name));
}

/** A unique BullMQ key prefix for one test file. */
export function uniqueQueuePrefix(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

/**
 * DROP DATABASE … WITH (FORCE), retried while an autovacuum worker (a
 * superuser's backend our role may not end) is still in that database.
 */
async function dropDatabase(client: Client, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42501' || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
