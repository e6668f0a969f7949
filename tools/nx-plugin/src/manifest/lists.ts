/**
 * The lists a feature module or a migration is registered in, edited through
 * the TypeScript AST (ts-morph): `FEATURE_MODULES` in `modules/index.ts`, a
 * module manifest's `migrations`, `PLATFORM_MIGRATIONS` in the registry.
 */
import {
  IndentationText,
  Node,
  Project,
  QuoteKind,
  SyntaxKind,
  type ArrayLiteralExpression,
  type SourceFile,
} from 'ts-morph';

export const API = 'apps/api/src';
/** The one list of feature modules. */
export const MODULE_LIST = `${API}/modules/index.ts`;
/** The platform's migrations (the outbox's tables and those spanning several modules). */
export const REGISTRY = `${API}/database/registry.ts`;
export const PLATFORM_MIGRATIONS_DIR = `${API}/database/migrations`;
export const moduleDir = (name: string): string => `${API}/modules/${name}`;
export const moduleIndex = (name: string): string => `${moduleDir(name)}/index.ts`;
export const moduleMigrationsDir = (name: string): string => `${moduleDir(name)}/migrations`;

/** A project for one file, writing in the repository's style (prettier still formats what is written). */
function inMemory(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    skipFileDependencyResolution: true,
    manipulationSettings: {
      quoteKind: QuoteKind.Single,
      indentationText: IndentationText.TwoSpaces,
      useTrailingCommas: true,
    },
  });
}

/** Finds the array an entry goes into. */
export type ArrayFinder = (file: SourceFile) => ArrayLiteralExpression | undefined;

/** The array literal `const <name> … = [ … ]` (exported or not). */
export function constArray(name: string): ArrayFinder {
  return (file) =>
    file.getVariableDeclaration(name)?.getInitializerIfKind(SyntaxKind.ArrayLiteralExpression) ?? undefined;
}

/** The array `<property>: [ … ]` of the `featureModule({ … })` manifest in a module's index.ts. */
export function manifestArray(property: 'entities' | 'migrations'): ArrayFinder {
  return (file) => {
    const call = file
      .getDescendantsOfKind(SyntaxKind.CallExpression)
      .find((c) => c.getExpression().getText() === 'featureModule');
    const manifest = call?.getArguments().at(0);
    if (!manifest || !Node.isObjectLiteralExpression(manifest)) return undefined;
    const prop = manifest.getProperty(property);
    if (!prop || !Node.isPropertyAssignment(prop)) return undefined;
    return prop.getInitializerIfKind(SyntaxKind.ArrayLiteralExpression);
  };
}

export interface ListEntry {
  /** The identifier to list (and import). */
  name: string;
  /** The module specifier it is imported from, relative to the edited file. */
  from: string;
}

/**
 * Imports `entry.name` from `entry.from` (beside the file's other imports)
 * and appends it to the array `find` locates. Refuses, naming the file, when
 * the array is missing or already lists the name; everything else is kept.
 */
export function addToList(source: string, path: string, find: ArrayFinder, entry: ListEntry): string {
  const project = inMemory();
  const file = project.createSourceFile(path, source, { overwrite: true });
  const array = find(file);
  if (!array) throw new Error(`${path}: the list to register ${entry.name} in was not found`);
  if (array.getElements().some((e) => e.getText() === entry.name))
    throw new Error(`${path}: ${entry.name} is already listed`);
  const existing = file.getImportDeclaration((d) => d.getModuleSpecifierValue() === entry.from);
  if (existing) {
    if (!existing.getNamedImports().some((i) => i.getName() === entry.name)) existing.addNamedImport(entry.name);
  } else {
    file.insertImportDeclaration(file.getImportDeclarations().length, {
      namedImports: [entry.name],
      moduleSpecifier: entry.from,
    });
  }
  array.addElement(entry.name, { useNewLines: array.getText().includes('\n') });
  return file.getFullText();
}

/** The names an array lists, in order (for checks and tests). */
export function listed(source: string, path: string, find: ArrayFinder): string[] {
  const project = inMemory();
  const array = find(project.createSourceFile(path, source, { overwrite: true }));
  if (!array) throw new Error(`${path}: list not found`);
  return array.getElements().map((e) => e.getText());
}
