/**
 * `node -r @swc-node/register tools/nx-plugin/src/manifest/register-migration.ts <migration file> [<module>]`:
 * lists a migration that `yarn migration:generate|create` just wrote, in its
 * module's manifest (`modules/<module>/index.ts`) or, without a module, in the
 * registry's PLATFORM_MIGRATIONS. Run by tools/typeorm.mjs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { REGISTRY, addToList, constArray, manifestArray, moduleIndex } from './lists';

/** Where a migration of the module `owner` (or of the platform) is listed, and its import specifier from there. */
export function migrationListing(
  file: string,
  owner: string | undefined,
): { list: string; from: string; find: ReturnType<typeof constArray> } {
  const stem = basename(file).replace(/\.ts$/, '');
  return owner
    ? { list: moduleIndex(owner), from: `./migrations/${stem}`, find: manifestArray('migrations') }
    : { list: REGISTRY, from: `./migrations/${stem}`, find: constArray('PLATFORM_MIGRATIONS') };
}

/** The class a migration file exports. */
export function migrationClass(source: string, file: string): string {
  const name = /export class (\w+) implements MigrationInterface/.exec(source)?.[1];
  if (!name) throw new Error(`${file}: no exported migration class found`);
  return name;
}

function main(argv: string[]): void {
  const [file, owner] = argv;
  if (!file) throw new Error('usage: register-migration <migration file> [<module>]');
  const { list, from, find } = migrationListing(file, owner || undefined);
  const name = migrationClass(readFileSync(file, 'utf8'), file);
  writeFileSync(list, addToList(readFileSync(list, 'utf8'), list, find, { name, from }));
  process.stdout.write(`${name} listed in ${list}\n`);
}

if (require.main === module) {
  const root = resolve(__dirname, '../../../..');
  process.chdir(root);
  main(process.argv.slice(2));
}
