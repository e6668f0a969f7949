import type { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '@app/core';

/**
 * Runs `work` in one transaction. When the current request or job belongs to
 * a tenant, the transaction first sets `app.tenant_id` with
 * `set_config(…, true)` (transaction-local: safe on pooled connections), which
 * the row-level security policies read.
 */
export async function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const tenantId = RequestContext.current()?.tenantId;
    if (tenantId) {
      await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    }
    return work(manager);
  });
}

/** Did `err` come from PostgreSQL refusing a duplicate on the unique index or constraint `constraint`? */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const driverError = (err as { driverError?: { code?: string; constraint?: string } } | null)?.driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
