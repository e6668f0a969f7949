import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { QueryLoggingSubscriber, StatementLog } from './query-logging.subscriber';
import { SET_SCOPE_SQL, scopeValues, type Scope } from './scope';
import { queryScoped } from './scoped-statement';

/** Plain SQL with numbered parameters, the rows back: what lists and loaders need of a unit of work. */
export interface Statements {
  query<R>(sql: string, parameters?: unknown[]): Promise<R[]>;
}

/** The first row of `sql`, or undefined when there is none (a lookup by a unique key). */
export async function queryOne<R>(db: Statements, sql: string, parameters?: unknown[]): Promise<R | undefined> {
  return (await db.query<R>(sql, parameters)).at(0);
}

/** A unit of work of one tenant (a read `Work` or a `Transaction`): its statements and whose rows they see. */
export interface TenantStatements extends Statements {
  readonly tenantId: string;
}

/** The tenant of a unit of work that must have one (a programming error otherwise, never the client's). */
function tenantOf(scope: Readonly<Scope>): string {
  if (!scope.tenantId) throw new Error('this unit of work has no tenant');
  return scope.tenantId;
}

/**
 * A read unit of work: every statement runs under `scope` and nothing else,
 * each in its own implicit transaction with the scope set in the same round
 * trip (`ScopedStatement`). It holds no connection between statements, so a
 * request's DataLoaders share it and it needs no closing. One per request
 * (`Database.read`), or per event for work outside any request.
 */
export class Work implements TenantStatements {
  private readonly values: readonly string[];

  constructor(
    private readonly pool: () => Pool,
    private readonly log: StatementLog,
    readonly scope: Readonly<Scope>,
  ) {
    this.values = scopeValues(scope);
  }

  /** The tenant whose rows this unit of work sees (for the services' own tenant filter). */
  get tenantId(): string {
    return tenantOf(this.scope);
  }

  async query<R>(sql: string, parameters: unknown[] = []): Promise<R[]> {
    const client = await this.pool().connect();
    const started = performance.now();
    let broken: Error | undefined;
    try {
      const rows = await queryScoped<R>(client, this.values, sql, parameters);
      this.log.record(sql, Math.round(performance.now() - started));
      return rows;
    } catch (err) {
      this.log.record(sql, Math.round(performance.now() - started), err);
      // An error PostgreSQL answered leaves the connection usable; anything else (a timeout, a closed socket) may not.
      if (!isServerError(err)) broken = err instanceof Error ? err : new Error(String(err));
      if (err instanceof Error) Error.captureStackTrace(err);
      throw err;
    } finally {
      release(client, broken);
    }
  }
}

/**
 * A write unit of work: one transaction, begun with the scope set once
 * (`set_config(…, true)`, transaction-local), committed when the work's
 * promise resolves and rolled back when it rejects. `manager` is TypeORM's
 * for the transaction (repositories, entities); `query` is plain SQL on the
 * same connection.
 */
export class Transaction implements TenantStatements {
  private current: Readonly<Scope>;

  constructor(
    private readonly runner: QueryRunner,
    scope: Readonly<Scope>,
  ) {
    this.current = scope;
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  get scope(): Readonly<Scope> {
    return this.current;
  }

  get tenantId(): string {
    return tenantOf(this.current);
  }

  async query<R>(sql: string, parameters: unknown[] = []): Promise<R[]> {
    const result = await this.runner.query(sql, parameters, true);
    return (result as { records: R[] }).records;
  }

  /**
   * Replaces the scope for the rest of the transaction: for what becomes known
   * inside it (the tenant a sign-up creates, the tenant of an invitation found
   * by its token). Every setting is replaced, none is kept.
   */
  async rescope(scope: Readonly<Scope>): Promise<void> {
    await this.runner.query(SET_SCOPE_SQL, scopeValues(scope));
    this.current = scope;
  }
}

/**
 * The one way to tenant data (ADR 013, ADR 015): a unit of work opened for a
 * scope — the caller's tenant and user, or a named cross-tenant path.
 */
@Injectable()
export class Database {
  private readonly log: StatementLog;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const logging = dataSource.subscribers.find(
      (s): s is QueryLoggingSubscriber => s instanceof QueryLoggingSubscriber,
    );
    this.log = logging?.log ?? new StatementLog(200, false);
  }

  /** A read unit of work under `scope`. */
  read(scope: Readonly<Scope>): Work {
    return new Work(() => this.pool(), this.log, scope);
  }

  /** Runs `work` in one transaction under `scope`. */
  async transaction<T>(scope: Readonly<Scope>, work: (tx: Transaction) => Promise<T>): Promise<T> {
    const values = scopeValues(scope);
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(SET_SCOPE_SQL, values);
        const result = await work(new Transaction(runner, scope));
        await runner.commitTransaction();
        return result;
      } catch (err) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      await runner.release();
    }
  }

  private pool(): Pool {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) throw new Error('the data source is not initialised');
    return pool;
  }
}

function isServerError(err: unknown): boolean {
  // pg's DatabaseError: an ErrorResponse from PostgreSQL, with its severity and SQLSTATE.
  return typeof err === 'object' && err !== null && 'severity' in err && 'code' in err;
}

function release(client: PoolClient, broken: Error | undefined): void {
  client.release(broken);
}
