import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { NotFoundException, RequestContext } from '@app/core';
import { isDbScopeInstalled } from './db-scope';

/**
 * Runs `work` in one transaction. On a data source with `installDbScope` the
 * transaction starts by setting the current database scope (the request's or
 * job's tenant and user, `app.tenant_id` / `app.user_id`) with
 * `set_config(…, true)`: transaction-local, safe on pooled connections, read
 * by the row-level security policies. On any other data source (the seed,
 * tests) it sets the tenant itself.
 */
export async function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    if (!isDbScopeInstalled(dataSource)) {
      const tenantId = RequestContext.current()?.tenantId;
      if (tenantId) await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    }
    return work(manager);
  });
}

/** Did `err` come from PostgreSQL refusing a duplicate on the unique index or constraint `constraint`? */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const driverError = (err as { driverError?: { code?: string; constraint?: string } } | null)?.driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

/**
 * The row `id` of the caller's tenant (soft-deleted rows excluded), locked for
 * the transaction when `lock`; anything else — another tenant's, deleted,
 * unknown — is NOT_FOUND, named `what`.
 */
export async function findInTenantOrFail<E extends ObjectLiteral & { id: string; tenantId: string }>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  where: { tenantId: string; id: string },
  what: string,
  lock = false,
): Promise<E> {
  const row = await manager.getRepository(entity).findOne({
    where: { id: where.id, tenantId: where.tenantId } as FindOptionsWhere<E>,
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!row) throw new NotFoundException(what);
  return row;
}
