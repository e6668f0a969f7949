import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DataSource,
  type DataSourceOptions,
  type EntityManager,
  type QueryRunner,
  type ReplicationMode,
} from 'typeorm';
import { RequestContext } from '@app/core';
import { inlineParameters } from './inline-parameters';
import { useFastTimestampParser } from './timestamps';
import { SCOPE_SETTINGS, SET_SCOPE_SQL, scopeValues, type Scope } from './scope';

/** The scope of the ambient path (`DbScope`), being replaced by units of work (`Database`). */
export type DbScopeData = Scope;

const storage = new AsyncLocalStorage<DbScopeData>();

/** The settings in a fixed order, each checked against its format (they are inlined into SQL). */
function settings(scope: DbScopeData): [string, string][] {
  const values = scopeValues(scope);
  return SCOPE_SETTINGS.map((name, i) => [name, values[i] ?? '']);
}

function isEmpty(scope: DbScopeData): boolean {
  return !scope.tenantId && !scope.userId && !scope.invitationTokenHash && !scope.path;
}

export const DbScope = {
  /**
   * Runs `fn` with `scope` as the database scope instead of the request's
   * (the caller's tenant and user). For the explicit cross-tenant paths and
   * for work that knows its tenant better than the request (a subscription
   * event's loaders).
   */
  run<T>(scope: DbScopeData, fn: () => T): T {
    return storage.run(scope, fn);
  },

  /** The scope in effect: an explicit one, else the request's or job's tenant and user. */
  current(): DbScopeData {
    const explicit = storage.getStore();
    if (explicit) return explicit;
    const ctx = RequestContext.current();
    return { tenantId: ctx?.tenantId ?? null, userId: ctx?.userId ?? null };
  },
};

/**
 * Changes the scope of the open transaction of `manager` (what becomes known
 * mid-transaction: the new tenant of a sign-up, the tenant of an invitation
 * found by its token). Every setting is replaced.
 */
export async function applyDbScope(manager: EntityManager, scope: DbScopeData): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('applyDbScope needs an open transaction (runInTransaction)');
  }
  await manager.query(
    SET_SCOPE_SQL,
    settings(scope).map(([, v]) => v),
  );
}

/** `SELECT set_config(…), …` with the (checked) values inlined as literals. */
function setScopeLiteralSql(scope: DbScopeData): string {
  // Valid values hold no `|`: a key of valid values has exactly three, and only checked values are kept.
  const key = `${scope.tenantId ?? ''}|${scope.userId ?? ''}|${scope.invitationTokenHash ?? ''}|${scope.path ?? ''}`;
  const kept = scopeSql.get(key);
  if (kept !== undefined) return kept;
  const sets = settings(scope)
    .map(([name, v]) => `set_config('${name}', '${v}', true)`)
    .join(', ');
  const sql = `SELECT ${sets}`;
  if (scopeSql.size >= SCOPES_KEPT) {
    const oldest = scopeSql.keys().next();
    if (!oldest.done) scopeSql.delete(oldest.value);
  }
  scopeSql.set(key, sql);
  return sql;
}

/** The scope statements of the recent callers, by their values (a caller's statements share one). */
const SCOPES_KEPT = 1000;
const scopeSql = new Map<string, string>();

interface PgClient {
  query: (sql: string, values?: unknown[]) => Promise<unknown>;
}

/**
 * Makes every statement of `dataSource` run under the current database scope:
 * a transaction it opens sets the scope first, and a statement outside any
 * transaction travels in one message after the scope's `set_config` (one
 * implicit transaction; BEGIN + scope, the statement, COMMIT when its values
 * cannot be inlined). Without a scope (no tenant, no user: a health check, the outbox
 * relay) statements run as they are, and the policies show no tenant's rows.
 * Installed once, before `initialize()`.
 */
export function installDbScope(dataSource: DataSource): void {
  if (installed.has(dataSource)) return;
  installed.add(dataSource);
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: ReplicationMode): QueryRunner => scoped(create(mode));
}

/**
 * The apps' TypeORM `dataSourceFactory`: a data source whose every statement
 * runs under the current database scope (row-level security, ADR 013).
 */
export async function scopedDataSource(options: DataSourceOptions | undefined): Promise<DataSource> {
  if (!options) throw new Error('TypeORM options missing');
  useFastTimestampParser();
  const dataSource = new DataSource(options);
  installDbScope(dataSource);
  return dataSource.initialize();
}

const installed = new WeakSet<DataSource>();

type RawQuery = (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

function scoped(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner) as RawQuery;
  const start = runner.startTransaction.bind(runner);
  // Statements of one runner outside a transaction, one after the other: the
  // client's query is swapped for the one message, and two interleaved
  // BEGIN … COMMIT pairs on one connection would end each other.
  let tail: Promise<unknown> = Promise.resolve();

  runner.startTransaction = async (isolationLevel) => {
    const outermost = !runner.isTransactionActive;
    await start(isolationLevel);
    const scope = DbScope.current();
    if (outermost && !isEmpty(scope)) {
      await query(
        SET_SCOPE_SQL,
        settings(scope).map(([, v]) => v),
      );
    }
  };

  runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) => {
    if (runner.isTransactionActive) return query(sql, parameters, structured);
    const scope = DbScope.current();
    if (isEmpty(scope)) return query(sql, parameters, structured);
    const setScope = setScopeLiteralSql(scope);
    const inlined = inlineParameters(sql, parameters);
    const run = async (): Promise<unknown> => {
      const client = (await runner.connect()) as PgClient;
      if (inlined !== null) {
        // One round trip: the scope and the statement in one simple-protocol message, which PostgreSQL
        // runs as one implicit transaction. TypeORM still logs and times the statement as written.
        const own = Object.prototype.hasOwnProperty.call(client, 'query');
        const original = client.query;
        const send = original.bind(client);
        client.query = async () => {
          const results = await send(`${setScope}; ${inlined}`);
          return Array.isArray(results) ? (results as unknown[]).at(-1) : results;
        };
        try {
          return await query(sql, parameters, structured);
        } finally {
          if (own) client.query = original;
          else Reflect.deleteProperty(client, 'query');
        }
      }
      // Values that cannot be inlined: BEGIN with the scope, the statement with its parameters, COMMIT.
      await client.query(`BEGIN; ${setScope}`);
      try {
        const result = await query(sql, parameters, structured);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    };
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];

  return runner;
}
