// ESLint flat config. Type-aware typescript-eslint rules (strict + promise
// safety), no console (use the injected pino logger), and Nx module boundaries:
// apps import libs only through their `@app/*` alias, libs never import apps,
// the worker never imports the API, and the API never imports the mail lib.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'tmp/**',
      'coverage/**',
      'node_modules/**',
      '.nx/**',
      '.yarn/**',
      '.demo/**',
      '.cache/**',
      'tools/codegen/usage.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/require-await': 'error',
      // Nest's option classes are meant to be passed as object literals.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true, allowStaticOnly: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // The root package.json (name, version) is not a project import.
          allow: ['^(\\.\\./)+package\\.json$'],
          banTransitiveDependencies: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:api', notDependOnLibsWithTags: ['scope:worker', 'type:testing'] },
            { sourceTag: 'scope:worker', notDependOnLibsWithTags: ['scope:api', 'type:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // Tenant data only through units of work (Database, ADR 015): the apps' code never holds TypeORM's data
    // source or a repository, whose statements would run outside any scope. The wiring, the migrations and
    // the seed (apps/*/src/database*, migrate.ts) are the exceptions.
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts'],
    ignores: ['apps/*/src/database/**', 'apps/*/src/database.module.ts', 'apps/api/src/migrate.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/typeorm',
              message: 'Open a unit of work instead: Database.read(scope) or Database.transaction(scope, …) (ADR 015).',
            },
            {
              name: 'typeorm',
              importNames: ['DataSource', 'Repository'],
              message: 'Open a unit of work instead: Database.read(scope) or Database.transaction(scope, …) (ADR 015).',
            },
          ],
        },
      ],
    },
  },
  {
    // Feature modules own their files (ADR 016): another module is reached through its index.ts only, and
    // the modules never import the application's edge (`app/`), which imports them.
    files: ['apps/api/src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
      'boundaries/elements': [
        { type: 'module', pattern: 'apps/api/src/modules/*', capture: ['name'] },
        { type: 'app', pattern: 'apps/api/src/app' },
        { type: 'common', pattern: 'apps/api/src/common' },
        { type: 'database', pattern: 'apps/api/src/database' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              // Another module only through its index.ts (the same module's files are free to import each other).
              disallow: {
                to: { element: { type: 'module', fileInternalPath: '!index.ts' } },
              },
              message: "another module's files are its own: import its index.ts (what it exports)",
            },
            {
              from: { element: { types: { anyOf: ['module', 'common'] } } },
              disallow: { to: { element: { type: 'app' } } },
              message: 'app/ (the HTTP and GraphQL edge) imports the modules; they never import it',
            },
            {
              from: { element: { type: 'common' } },
              disallow: { to: { element: { type: 'module' } } },
              message: 'common/ sits below the modules and imports none of them',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use `any` and loose typing where a fake stands in.
    files: ['**/*.spec.ts', '**/*.medium-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript: configs and tooling scripts run by node directly.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: false },
      globals: { ...globals.node },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
      // Build and test configs share the root presets; boundaries are for source.
      '@nx/enforce-module-boundaries': 'off',
      // Tool scripts write to stdout/stderr through process.stdout, not console.
      'no-console': 'error',
    },
  },
  prettier,
);
