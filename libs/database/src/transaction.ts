import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { NotFoundException } from '@app/core';

/** Did `err` come from PostgreSQL refusing a duplicate on the unique index or constraint `constraint`? */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const error = databaseError(err);
  return error?.code === '23505' && error.constraint === constraint;
}

/** PostgreSQL's error behind `err`: pg's own (a unit of work's statement) or the one TypeORM wraps. */
export function databaseError(err: unknown): { code?: string; constraint?: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const wrapped = (err as { driverError?: unknown }).driverError;
  const error = (typeof wrapped === 'object' && wrapped !== null ? wrapped : err) as {
    code?: unknown;
    constraint?: unknown;
  };
  return {
    code: typeof error.code === 'string' ? error.code : undefined,
    constraint: typeof error.constraint === 'string' ? error.constraint : undefined,
  };
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
