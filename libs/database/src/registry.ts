/**
 * The explicit lists of entities and migrations (no globs, so that the bundled
 * build and the TypeScript sources load exactly the same set). Every new
 * entity and migration is added here.
 */
export const ENTITIES: (new () => unknown)[] = [];
export const MIGRATIONS: (new () => unknown)[] = [];
