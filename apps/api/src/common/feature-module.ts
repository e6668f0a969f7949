import type { Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/**
 * What the application needs of a feature module: its `index.ts` exports one,
 * and `modules/index.ts` lists them once. The app module imports every
 * `module`; the database registry takes every `entities` and `migrations`.
 */
export interface FeatureModule {
  /** For errors and logs: the module's folder name. */
  readonly name: string;
  /** The Nest module the application imports. */
  readonly module: Type;
  /** The tables the module owns: only its own services read and write them. */
  readonly entities: readonly (new () => object)[];
  /** The migrations that create and change those tables (in the module's `migrations/`). */
  readonly migrations: readonly (new () => MigrationInterface)[];
}

/**
 * A module's manifest, checked where it is declared: an import cycle leaves
 * a class `undefined` at this point, which would otherwise surface as a
 * missing table or provider far from its cause.
 */
export function featureModule(manifest: FeatureModule): FeatureModule {
  // The types say defined; at run time a cycle says otherwise.
  const absent = (value: unknown): boolean => value === undefined;
  const missing = [
    ...(absent(manifest.module) ? ['module'] : []),
    ...manifest.entities.flatMap((e, i) => (absent(e) ? [`entities[${i}]`] : [])),
    ...manifest.migrations.flatMap((m, i) => (absent(m) ? [`migrations[${i}]`] : [])),
  ];
  if (missing.length)
    throw new Error(
      `feature module "${manifest.name}": ${missing.join(', ')} undefined when its index.ts ran (an import cycle?)`,
    );
  return manifest;
}
