import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_ENV, type Env } from '@app/core';
import { Database, RuntimeRoleCheck, appDataSourceOptions, appDataSource } from '@app/database';
import { ENTITIES, MIGRATIONS } from './registry';

/** TypeORM for the API, as the app role (DATABASE_URL); migrations never run here. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_ENV],
      useFactory: (env: Env) => ({
        ...appDataSourceOptions({
          url: env.DATABASE_URL,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          applicationName: 'saas-api',
          slowQueryMs: env.DB_SLOW_QUERY_MS,
          logStatements: env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace',
          statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
          poolSize: 10,
        }),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
      // Plain TypeORM: every statement's scope comes from its unit of work (Database, ADR 013, ADR 015).
      dataSourceFactory: appDataSource,
    }),
  ],
  // Database: units of work, the one way to tenant data (ADR 015), for every module.
  providers: [RuntimeRoleCheck, Database],
  exports: [Database],
})
export class DatabaseModule {}
