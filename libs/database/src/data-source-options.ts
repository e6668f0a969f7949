import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { queryLoggingSubscriber } from './query-logging.subscriber';
import { useFastTimestampParser } from './timestamps';

type EntityList = MixedList<string | (new () => unknown) | EntitySchema>;
type MigrationList = MixedList<string | (new () => unknown)>;

export interface DataSourceParams {
  url: string;
  /** Explicit arrays, never globs: bundled and unbundled builds must load the same set. */
  entities: EntityList;
  migrations: MigrationList;
  applicationName?: string;
}

/** The one TypeORM configuration the apps, the CLI and the migration entry point share. */
export function dataSourceOptions(params: DataSourceParams): DataSourceOptions {
  return {
    type: 'postgres',
    url: params.url,
    entities: params.entities,
    migrations: params.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    applicationName: params.applicationName,
  };
}

export interface AppDataSourceParams extends DataSourceParams {
  /** Statements slower than this are logged at warn. */
  slowQueryMs: number;
  /** Every statement logged at debug (when the log level shows debug lines). */
  logStatements: boolean;
  /** Connections in the pool. */
  poolSize: number;
  /** PostgreSQL's statement_timeout for every connection of the pool: no request holds one for long. */
  statementTimeoutMs: number;
}

/**
 * What an app (API, worker) gives TypeORM: the shared options, SQL logging, a
 * bounded pool and a statement timeout (the migrations, as the owner, have none).
 */
export function appDataSourceOptions(params: AppDataSourceParams): DataSourceOptions {
  return {
    ...dataSourceOptions(params),
    subscribers: [queryLoggingSubscriber(params.slowQueryMs, params.logStatements)],
    extra: { max: params.poolSize, connectionTimeoutMillis: 5000, statement_timeout: params.statementTimeoutMs },
  };
}

/**
 * The apps' TypeORM `dataSourceFactory`: the data source, initialised, with
 * pg's fast timestamp parser. Nothing about it is patched: which tenant a
 * statement sees is set by the unit of work it runs in (`Database`, ADR 015).
 */
export async function appDataSource(options: DataSourceOptions | undefined): Promise<DataSource> {
  if (!options) throw new Error('TypeORM options missing');
  useFastTimestampParser();
  return new DataSource(options).initialize();
}
