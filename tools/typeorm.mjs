#!/usr/bin/env node
// `yarn migration:generate <Name>` | `migration:create <Name>` | `migration:run`
// | `migration:revert` | `migration:show`: the TypeORM CLI on the TypeScript
// sources (through swc), against MIGRATION_DATABASE_URL / DATABASE_URL.
// Generated files land in apps/api/src/database/migrations/; add each new class to
// apps/api/src/database/registry.ts (MIGRATIONS).
import { spawnSync } from 'node:child_process';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [command, name, ...rest] = process.argv.slice(2);
const dataSource = 'apps/api/src/database/cli-data-source.ts';
const migrationsDir = 'apps/api/src/database/migrations';

const needsName = command === 'migration:generate' || command === 'migration:create';
if (!command || (needsName && (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)))) {
  process.stderr.write(
    'usage: yarn migration:generate <Name> | migration:create <Name> | migration:run | migration:revert | migration:show\n' +
      '       <Name> is PascalCase letters and digits, e.g. AddProduct\n',
  );
  process.exit(2);
}

let args;
if (command === 'migration:generate')
  args = [command, `${migrationsDir}/${name}`, '-d', dataSource, '--pretty', ...rest];
else if (command === 'migration:create') args = [command, `${migrationsDir}/${name}`, ...rest];
else args = [command, '-d', dataSource, ...(name ? [name] : []), ...rest];

const result = spawnSync(
  process.execPath,
  ['-r', '@swc-node/register', resolve(root, 'node_modules/typeorm/cli.js'), ...args],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' } },
);
process.exit(result.status ?? 1);
