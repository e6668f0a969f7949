import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { MODULE_LIST, SCHEMA, featureModuleGenerator, pluralize, templateNames } from './generator';
import { constArray, listed, manifestArray } from '../manifest/lists';

const root = resolve(__dirname, '../../../..');
const TIMESTAMP = 1800000000000;

/** An in-memory workspace holding the real files the generator edits. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of [MODULE_LIST, SCHEMA, 'apps/api/src/modules/product/index.ts'])
    tree.write(file, readFileSync(join(root, file), 'utf8'));
  return tree;
}

/** The files `work` creates in the tree. */
async function created(tree: Tree, work: () => Promise<unknown>): Promise<string[]> {
  const before = new Set(tree.listChanges().map((c) => c.path));
  await work();
  return tree
    .listChanges()
    .map((c) => c.path)
    .filter((path) => !before.has(path))
    .sort();
}

/** A word no developer's module is named after (consonants that pluralize with a plain "s"). */
function throwaway(): string {
  const letters = 'bcdfgklmnprtvw';
  return `q${Array.from({ length: 7 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
}
const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

describe('feature-module generator (in memory)', () => {
  // Throwaway names: the real schema and registry are read, so a developer's own module of any name cannot collide.
  const [one, two] = [throwaway(), throwaway()];
  const kebab = `${one}-${two}`;
  const Class = `${cap(one)}${cap(two)}`;

  it('writes the 9-step module, its migration and its tests under the derived names', async () => {
    const tree = workspace();
    const written = await created(tree, () =>
      featureModuleGenerator(tree, { name: kebab, timestamp: TIMESTAMP, skipFormat: true }),
    );
    const dir = `apps/api/src/modules/${kebab}`;
    expect(written).toEqual(
      [
        `${dir}/${kebab}.constants.ts`,
        `${dir}/${kebab}.entity.ts`,
        `${dir}/${kebab}.module.ts`,
        `${dir}/${kebab}.resolver.ts`,
        `${dir}/${kebab}.service.ts`,
        `${dir}/index.ts`,
        `${dir}/commands/create-${kebab}.command.ts`,
        `${dir}/commands/update-${kebab}.command.ts`,
        `${dir}/commands/delete-${kebab}.command.ts`,
        `${dir}/queries/${kebab}.query.ts`,
        `${dir}/queries/${kebab}s.query.ts`,
        `${dir}/dto/${kebab}.type.ts`,
        `${dir}/dto/${kebab}.inputs.ts`,
        `${dir}/dto/${kebab}.inputs.spec.ts`,
        `${dir}/dto/${kebab}s.args.ts`,
        `${dir}/migrations/${TIMESTAMP}-Add${Class}s.ts`,
        `apps/api-e2e/src/${kebab}s.e2e-spec.ts`,
      ].sort(),
    );
    const read = (path: string): string => tree.read(path, 'utf-8') ?? '';
    const table = `${one}_${two}s`;
    expect(read(`${dir}/${kebab}.entity.ts`)).toContain(`@Entity('${table}')`);
    expect(read(`${dir}/${kebab}.entity.ts`)).toContain(`export class ${Class}Entity extends AbstractEntity`);
    expect(read(`${dir}/${kebab}.resolver.ts`)).toMatch(new RegExp(`${one}${cap(two)}s\\(\\s*@CurrentWork\\(\\)`));
    expect(read(`${dir}/${kebab}.resolver.ts`)).toContain(`delete${Class}(`);
    const migration = read(`${dir}/migrations/${TIMESTAMP}-Add${Class}s.ts`);
    expect(migration).toContain(`export class Add${Class}s${TIMESTAMP} implements MigrationInterface`);
    expect(migration).toContain(`CREATE TABLE "${table}"`);
    expect(migration).toContain(`DROP TABLE "${table}"`);
    // Behind row-level security from the start, with the runtime role's privileges (ADR 013).
    expect(migration).toContain(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
    expect(migration).toContain(`CREATE POLICY "${table}_tenant" ON "${table}"`);
    expect(migration).toContain('TO app_runtime');
    // No template syntax left anywhere.
    for (const path of written) expect(read(path)).not.toMatch(/<%|%>/);
  });

  it('adds the module to the one list and touches no other existing file', async () => {
    const tree = workspace();
    const existing = new Map(tree.listChanges().map((c) => [c.path, tree.read(c.path, 'utf-8')]));
    const modulesBefore = listed(existing.get(MODULE_LIST) ?? '', MODULE_LIST, constArray('FEATURE_MODULES'));
    const name = throwaway();
    const Name = cap(name);
    await featureModuleGenerator(tree, { name, timestamp: TIMESTAMP, skipFormat: true });

    // Of the files that were there, only the module list changed.
    const changed = [...existing].filter(([path, before]) => tree.read(path, 'utf-8') !== before).map(([p]) => p);
    expect(changed).toEqual([MODULE_LIST]);
    const list = tree.read(MODULE_LIST, 'utf-8') ?? '';
    expect(list).toContain(`import { ${name}Feature } from './${name}';`);
    // Everything listed before is still listed, in the same order, and the new module comes last.
    expect(listed(list, MODULE_LIST, constArray('FEATURE_MODULES'))).toEqual([...modulesBefore, `${name}Feature`]);

    // The module's manifest declares its entity and its migration: the registry and the app module derive from it.
    const index = tree.read(`apps/api/src/modules/${name}/index.ts`, 'utf-8') ?? '';
    expect(listed(index, 'index.ts', manifestArray('entities'))).toEqual([`${Name}Entity`]);
    expect(listed(index, 'index.ts', manifestArray('migrations'))).toEqual([`Add${Name}s${TIMESTAMP}`]);
    expect(index).toContain(`import { Add${Name}s${TIMESTAMP} } from './migrations/${TIMESTAMP}-Add${Name}s';`);
    expect(index).toContain(`module: ${Name}Module,`);
  });

  it('refuses to overwrite a module, clash with a schema name, or take a malformed name', async () => {
    const tree = workspace();
    const list = tree.read(MODULE_LIST, 'utf-8');
    const written = await created(tree, async () => {
      await expect(featureModuleGenerator(tree, { name: 'product', skipFormat: true })).rejects.toThrow(
        /already exists/,
      );
      await expect(featureModuleGenerator(tree, { name: 'page-info', skipFormat: true })).rejects.toThrow(
        /type named PageInfo/,
      );
      for (const name of ['Invoice', 'purchase_order', '1st', 'invoice-', '']) {
        await expect(featureModuleGenerator(tree, { name, skipFormat: true })).rejects.toThrow(/kebab-case/);
      }
      await expect(featureModuleGenerator(tree, { name: 'sheep', plural: 'sheep', skipFormat: true })).rejects.toThrow(
        /plural/,
      );
    });
    // The refusals wrote nothing.
    expect(written).toEqual([]);
    expect(tree.read(MODULE_LIST, 'utf-8')).toBe(list);
  });

  it('derives plurals and every spelling from the kebab-case name', () => {
    expect(['invoice', 'category', 'day', 'box', 'branch', 'status'].map(pluralize)).toEqual([
      'invoices',
      'categories',
      'days',
      'boxes',
      'branches',
      'statuses',
    ]);
    expect(templateNames({ name: 'person', plural: 'people', timestamp: 1 })).toMatchObject({
      className: 'Person',
      pluralPropertyName: 'people',
      tableName: 'people',
      migrationClass: 'AddPeople1',
    });
    // TypeORM's own name for the primary key of "products" (see the AddProducts migration).
    expect(templateNames({ name: 'product', timestamp: 1 })['primaryKeyName']).toBe('PK_0806c755e0aca124e67c0cf6d7d');
  });
});
