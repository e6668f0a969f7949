// The data source the TypeORM CLI uses (`yarn migration:*`): the migration
// role (MIGRATION_DATABASE_URL, else DATABASE_URL) from the validated config.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvOrExit } from '@app/core';
import { dataSourceOptions } from '@app/database';
import { ENTITIES, MIGRATIONS } from './registry';

const env = loadEnvOrExit();

export default new DataSource(
  dataSourceOptions({
    url: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    applicationName: 'typeorm-cli',
  }),
);
