import { addToList, constArray, listed, manifestArray } from './lists';
import { migrationClass, migrationListing } from './register-migration';

const LIST = `import type { FeatureModule } from '../common/feature-module';
import { userFeature } from './user';
// a comment that stays
export const FEATURE_MODULES: readonly FeatureModule[] = [
  userFeature, // the first
];
`;

const MANIFEST = `import { featureModule } from '../../common/feature-module';
import { TagModule } from './tag.module';
import { AddTags1 } from './migrations/1-AddTags';

export * from './tag.module';

export const tagFeature = featureModule({
  name: 'tag',
  module: TagModule,
  entities: [],
  migrations: [AddTags1],
});
`;

describe('the module lists, edited through the AST', () => {
  it('imports and appends an entry, keeping everything else', () => {
    const out = addToList(LIST, 'index.ts', constArray('FEATURE_MODULES'), { name: 'tagFeature', from: './tag' });
    expect(listed(out, 'index.ts', constArray('FEATURE_MODULES'))).toEqual(['userFeature', 'tagFeature']);
    expect(out).toContain("import { tagFeature } from './tag';");
    expect(out).toContain('// a comment that stays');
    expect(out).toContain('userFeature, // the first');
    // The new import comes after the existing ones, before the code.
    expect(out.indexOf("from './tag'")).toBeLessThan(out.indexOf('export const'));
    expect(out.indexOf("from './user'")).toBeLessThan(out.indexOf("from './tag'"));
  });

  it("appends to a manifest's migrations and leaves its entities alone", () => {
    const out = addToList(MANIFEST, 'index.ts', manifestArray('migrations'), {
      name: 'AddTagColor2',
      from: './migrations/2-AddTagColor',
    });
    expect(listed(out, 'index.ts', manifestArray('migrations'))).toEqual(['AddTags1', 'AddTagColor2']);
    expect(listed(out, 'index.ts', manifestArray('entities'))).toEqual([]);
  });

  it('adds to an existing import of the same file instead of a second one', () => {
    const out = addToList(MANIFEST, 'index.ts', manifestArray('entities'), {
      name: 'TagModule2',
      from: './tag.module',
    });
    expect(out.match(/from '\.\/tag\.module'/g)).toHaveLength(2); // the import and the re-export, no new import
    expect(out).toContain("import { TagModule, TagModule2 } from './tag.module';");
  });

  it('refuses a name already listed, or a file without the list, naming the file', () => {
    expect(() =>
      addToList(LIST, 'index.ts', constArray('FEATURE_MODULES'), { name: 'userFeature', from: './user' }),
    ).toThrow(/index\.ts: userFeature is already listed/);
    expect(() => addToList(LIST, 'index.ts', constArray('MODULES'), { name: 'x', from: './x' })).toThrow(
      /index\.ts: the list to register x in was not found/,
    );
    expect(() => addToList(LIST, 'index.ts', manifestArray('migrations'), { name: 'x', from: './x' })).toThrow(
      /not found/,
    );
  });

  it("lists a module's migration in its manifest, a platform one in the registry", () => {
    expect(migrationListing('apps/api/src/modules/tag/migrations/2-AddTagColor.ts', 'tag')).toMatchObject({
      list: 'apps/api/src/modules/tag/index.ts',
      from: './migrations/2-AddTagColor',
    });
    expect(migrationListing('apps/api/src/database/migrations/3-AddThing.ts', undefined)).toMatchObject({
      list: 'apps/api/src/database/registry.ts',
      from: './migrations/3-AddThing',
    });
    expect(migrationClass('export class AddThing3 implements MigrationInterface {}', 'f.ts')).toBe('AddThing3');
    expect(() => migrationClass('export class AddThing3 {}', 'f.ts')).toThrow(/f\.ts: no exported migration class/);
  });
});
