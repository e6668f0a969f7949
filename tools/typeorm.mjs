#!/usr/bin/env node
// `yarn migration:generate <Name> [--module <module>]` | `migration:create <Name> [--module <module>]`
// | `migration:run` | `migration:revert` | `migration:show`: the TypeORM CLI on the
// TypeScript sources (through swc), against MIGRATION_DATABASE_URL / DATABASE_URL.
// A new migration lands in apps/api/src/modules/<module>/migrations/ and is listed
// in that module's manifest (its index.ts); without --module, in
// apps/api/src/database/migrations/ and the registry's PLATFORM_MIGRATIONS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [command, name, ...args0] = process.argv.slice(2);
const dataSource = 'apps/api/src/database/cli-data-source.ts';

// --module <name> | --module=<name>: the feature module the migration belongs to.
let owner;
const rest = [];
for (let i = 0; i < args0.length; i++) {
  const arg = args0[i];
  if (arg === '--module') owner = args0[++i] ?? '';
  else if (arg.startsWith('--module=')) owner = arg.slice('--module='.length);
  else rest.push(arg);
}
if (owner !== undefined && !existsSync(join(root, 'apps/api/src/modules', owner, 'index.ts'))) {
  process.stderr.write(`--module ${owner}: no module apps/api/src/modules/${owner}/index.ts\n`);
  process.exit(2);
}
const migrationsDir = owner ? `apps/api/src/modules/${owner}/migrations` : 'apps/api/src/database/migrations';

const needsName = command === 'migration:generate' || command === 'migration:create';
if (!command || (needsName && (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)))) {
  process.stderr.write(
    'usage: yarn migration:generate <Name> [--module <module>] | migration:create <Name> [--module <module>]\n' +
      '       | migration:run | migration:revert | migration:show\n' +
      '       <Name> is PascalCase letters and digits, e.g. AddProductSku; <module> a folder of apps/api/src/modules\n',
  );
  process.exit(2);
}

let args;
if (command === 'migration:generate')
  args = [command, `${migrationsDir}/${name}`, '-d', dataSource, '--pretty', ...rest];
else if (command === 'migration:create') args = [command, `${migrationsDir}/${name}`, ...rest];
else args = [command, '-d', dataSource, ...(name ? [name] : []), ...rest];

const env = { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' };
const files = () => (existsSync(join(root, migrationsDir)) ? readdirSync(join(root, migrationsDir)) : []);
if (needsName) mkdirSync(join(root, migrationsDir), { recursive: true });
const before = new Set(files());
const result = spawnSync(
  process.execPath,
  ['-r', '@swc-node/register', resolve(root, 'node_modules/typeorm/cli.js'), ...args],
  { cwd: root, stdio: 'inherit', env },
);
if (result.status !== 0 || !needsName) process.exit(result.status ?? 1);

// List the new migration where the registry finds it (through the TypeScript AST).
const created = files().filter((f) => !before.has(f) && f.endsWith(`-${name}.ts`));
if (created.length !== 1) process.exit(0); // nothing generated (no changes found): TypeORM said so
const registered = spawnSync(
  process.execPath,
  [
    '-r',
    '@swc-node/register',
    'tools/nx-plugin/src/manifest/register-migration.ts',
    `${migrationsDir}/${created[0]}`,
    owner ?? '',
  ],
  { cwd: root, stdio: 'inherit', env },
);
if (registered.status !== 0) process.exit(registered.status ?? 1);
const list = owner ? `apps/api/src/modules/${owner}/index.ts` : 'apps/api/src/database/registry.ts';
const pretty = spawnSync(
  resolve(root, 'node_modules/.bin/prettier'),
  ['--write', '--log-level=warn', list, `${migrationsDir}/${created[0]}`],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(pretty.status ?? 1);
