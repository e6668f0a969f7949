/**
 * The explicit lists of entities and migrations (no globs, so that the bundled
 * build and the TypeScript sources load exactly the same set), derived from
 * the one list of feature modules (`modules/index.ts`): a module's entities
 * and migrations are declared in its manifest, not here.
 */
import type { MigrationInterface } from 'typeorm';
import { QUEUE_ENTITIES } from '@app/queue';
import { FEATURE_MODULES } from '../modules';
import { InitIdentity1795436141544 } from './migrations/1795436141544-InitIdentity';
import { AddOutbox1795505905987 } from './migrations/1795505905987-AddOutbox';
import { AddRowLevelSecurity1796100000000 } from './migrations/1796100000000-AddRowLevelSecurity';
import { TenantRowsNeedAScope1796600000000 } from './migrations/1796600000000-TenantRowsNeedAScope';

type Migration = new () => MigrationInterface;

/**
 * The platform's own migrations (`database/migrations/`): the outbox's tables,
 * and the two that span several modules' tables (a shipped migration is never
 * split). `yarn migration:generate <Name>` without `--module` adds here.
 */
export const PLATFORM_MIGRATIONS: Migration[] = [
  InitIdentity1795436141544,
  AddOutbox1795505905987,
  AddRowLevelSecurity1796100000000,
  TenantRowsNeedAScope1796600000000,
];

export const ENTITIES: (new () => unknown)[] = [...FEATURE_MODULES.flatMap((m) => m.entities), ...QUEUE_ENTITIES];

/** The 13-digit timestamp that ends a migration's class name: TypeORM's order, and ours. */
export function migrationTimestamp(migration: Migration): number {
  const stamp = /(\d{13})$/.exec(migration.name)?.[1];
  if (!stamp) throw new Error(`migration ${migration.name}: the class name must end with a 13-digit timestamp`);
  return Number(stamp);
}

/** Every migration, in the order they run (by timestamp, as TypeORM applies them). */
export const MIGRATIONS: Migration[] = [...PLATFORM_MIGRATIONS, ...FEATURE_MODULES.flatMap((m) => m.migrations)].sort(
  (a, b) => migrationTimestamp(a) - migrationTimestamp(b),
);
