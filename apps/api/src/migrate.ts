// The migration entry point operators run as a one-off task before a rolling
// deploy: `node dist/apps/api/migrate.js`. Needs only node and the production
// dependencies. Applies every pending migration (each in its own transaction)
// as MIGRATION_DATABASE_URL (else DATABASE_URL); exit 0 = all applied, go on;
// non-zero = stop the deploy (nothing half-applied: a failed migration rolls back).
import 'reflect-metadata';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { loadEnvOrExit, pinoOptions } from '@app/core';
import { dataSourceOptions } from '@app/database';
import { ENTITIES, MIGRATIONS } from './database/registry';

async function main(): Promise<number> {
  const env = loadEnvOrExit();
  const logger = pino({ ...pinoOptions(env, 'migrate'), transport: undefined });
  const dataSource = new DataSource(
    dataSourceOptions({
      url: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      applicationName: 'saas-migrate',
    }),
  );
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    logger.info(
      { applied: applied.map((m) => m.name), total: MIGRATIONS.length },
      applied.length ? `applied ${applied.length} migration(s)` : 'no pending migrations',
    );
    return 0;
  } catch (err) {
    logger.error({ err }, 'migration run failed; a migration that failed was rolled back');
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
