import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_MODULES } from '../modules';
import { ENTITIES, MIGRATIONS, PLATFORM_MIGRATIONS, migrationTimestamp } from './registry';

describe('the database registry, derived from the module list', () => {
  it('takes every entity of every module once, and the queue tables', () => {
    const declared = FEATURE_MODULES.flatMap((m) => m.entities);
    expect(new Set(declared).size).toBe(declared.length); // no table owned by two modules
    for (const entity of declared) expect(ENTITIES).toContain(entity);
    expect(ENTITIES.map((e) => e.name)).toEqual(expect.arrayContaining(['OutboxEntity', 'ProcessedJobEntity']));
    expect(ENTITIES).toHaveLength(declared.length + 2);
  });

  it('runs every platform and module migration once, in timestamp order', () => {
    const declared = [...PLATFORM_MIGRATIONS, ...FEATURE_MODULES.flatMap((m) => m.migrations)];
    expect(new Set(MIGRATIONS)).toEqual(new Set(declared));
    expect(MIGRATIONS).toHaveLength(declared.length);
    const stamps = MIGRATIONS.map(migrationTimestamp);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(stamps.length);
    // The first migration creates the tables every other one builds on.
    expect(MIGRATIONS[0]?.name).toBe('InitIdentity1795436141544');
  });

  it("names each module after its folder, and lists each module's own migrations from it", () => {
    for (const feature of FEATURE_MODULES) {
      const dir = join(__dirname, '../modules', feature.name);
      expect(existsSync(join(dir, 'index.ts'))).toBe(true);
      for (const migration of feature.migrations) {
        const stamp = String(migrationTimestamp(migration));
        const file = `${stamp}-${migration.name.slice(0, -stamp.length)}.ts`;
        expect({ module: feature.name, exists: existsSync(join(dir, 'migrations', file)) }).toEqual({
          module: feature.name,
          exists: true,
        });
      }
    }
  });

  it('refuses a migration whose class name lacks the timestamp TypeORM orders by', () => {
    class AddThings {
      async up(): Promise<void> {}
      async down(): Promise<void> {}
    }
    expect(() => migrationTimestamp(AddThings)).toThrow(/AddThings.*13-digit timestamp/);
  });
});
