import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { formatFiles, generateFiles, logger, names, type GeneratorCallback, type Tree } from '@nx/devkit';
import { API, MODULE_LIST, addToList, constArray, moduleDir, moduleMigrationsDir } from '../manifest/lists';

export interface FeatureModuleOptions {
  /** The resource in the singular, kebab-case: `invoice`, `purchase-order`. */
  name: string;
  /** The plural, kebab-case; default: English rules on the last word. */
  plural?: string;
  /** Migration timestamp (ms); default: now. Tests pin it. */
  timestamp?: number;
  /** Leave the files as the templates wrote them (no prettier). */
  skipFormat?: boolean;
}

export { API, MODULE_LIST };
export const SCHEMA = 'apps/api/schema.graphql';
const KEBAB = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

/** English plural of the last word, for the usual cases; `--plural` for the rest. */
export function pluralize(kebab: string): string {
  if (/[^aeiou]y$/.test(kebab)) return `${kebab.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(kebab)) return `${kebab}es`;
  return `${kebab}s`;
}

/** Every spelling the templates use. */
export function templateNames(options: FeatureModuleOptions): Record<string, string | number> {
  const singular = names(options.name);
  const plural = names(options.plural ?? pluralize(options.name));
  const tableName = plural.fileName.replace(/-/g, '_');
  const timestamp = options.timestamp ?? Date.now();
  return {
    fileName: singular.fileName,
    className: singular.className,
    propertyName: singular.propertyName,
    constantName: singular.constantName,
    label: singular.fileName.replace(/-/g, ' '),
    pluralFileName: plural.fileName,
    pluralClassName: plural.className,
    pluralPropertyName: plural.propertyName,
    pluralLabel: plural.fileName.replace(/-/g, ' '),
    tableName,
    // TypeORM's default primary key name, so that schema diffs stay empty.
    primaryKeyName: `PK_${createHash('sha1').update(`${tableName}_id`).digest('hex').slice(0, 27)}`,
    timestamp,
    migrationClass: `Add${plural.className}${timestamp}`,
    migrationFile: `${timestamp}-Add${plural.className}`,
  };
}

function refuse(message: string): never {
  throw new Error(`feature-module: ${message}`);
}

/** Refuses what would not compile or would clash with what exists. */
function check(tree: Tree, options: FeatureModuleOptions, n: Record<string, string | number>): void {
  if (!KEBAB.test(options.name)) refuse(`"${options.name}" is not a singular kebab-case name (e.g. purchase-order)`);
  if (options.plural !== undefined && !KEBAB.test(options.plural))
    refuse(`"${options.plural}" is not a kebab-case plural`);
  if (n['fileName'] === n['pluralFileName']) refuse('the plural must differ from the singular (pass --plural)');
  if (!tree.exists(MODULE_LIST)) refuse(`${MODULE_LIST} is missing: run the generator at the workspace root`);
  const dir = moduleDir(String(n['fileName']));
  if (tree.exists(dir)) refuse(`${dir} already exists`);
  const schema = tree.exists(SCHEMA) ? (tree.read(SCHEMA, 'utf-8') ?? '') : '';
  const className = String(n['className']);
  const taken = [className, `${className}Connection`, `${className}Filter`, `Create${className}Input`].find((t) =>
    new RegExp(`^(type|input|enum|scalar) ${t}\\b`, 'm').test(schema),
  );
  if (taken) refuse(`the GraphQL schema already has a type named ${taken}`);
  const query = String(n['pluralPropertyName']);
  if (new RegExp(`^\\s+(${query}|${String(n['propertyName'])})\\(`, 'm').test(schema))
    refuse(`the GraphQL schema already has a field named ${query} or ${String(n['propertyName'])}`);
}

/**
 * `nx g @app/nx-plugin:feature-module <name>` (`yarn module:new <name>`): a
 * tenant-scoped module that compiles, migrates and passes its tests as
 * generated, for the developer to grow from.
 */
export async function featureModuleGenerator(tree: Tree, options: FeatureModuleOptions): Promise<GeneratorCallback> {
  const n = templateNames(options);
  check(tree, options, n);
  const vars = { ...n, tmpl: '' };
  const name = String(n['fileName']);
  // The one list the application derives its modules, entities and migrations from (refuses before anything is written).
  const list = addToList(tree.read(MODULE_LIST, 'utf-8') ?? '', MODULE_LIST, constArray('FEATURE_MODULES'), {
    name: `${String(n['propertyName'])}Feature`,
    from: `./${name}`,
  });
  generateFiles(tree, join(__dirname, 'files/module'), moduleDir(name), vars);
  generateFiles(tree, join(__dirname, 'files/migration'), moduleMigrationsDir(name), vars);
  generateFiles(tree, join(__dirname, 'files/e2e'), 'apps/api-e2e/src', vars);
  tree.write(MODULE_LIST, list);
  if (!options.skipFormat) await formatFiles(tree);

  return () => {
    logger.info(
      [
        '',
        `Module ${String(n['fileName'])} generated. Next:`,
        `  yarn migration:run                 # creates "${String(n['tableName'])}" in your dev database`,
        '  yarn api:dev                       # rewrites apps/api/schema.graphql (commit it)',
        `  yarn api:test ${moduleDir(name)}`,
        `  yarn build && yarn api:e2e apps/api-e2e/src/${String(n['pluralFileName'])}.e2e-spec.ts`,
        `Then add your fields: entity + DTOs, \`yarn migration:generate <Name> --module ${name}\` for the change, and the rules in the service.`,
      ].join('\n'),
    );
  };
}

export default featureModuleGenerator;
