// Shared jest settings: TypeScript through swc (with decorator metadata, as in
// the build) and the tsconfig path aliases.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, targets] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace('/', '\\/')}$`] = path.join(__dirname, targets[0]);
}

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
    // ESM-only packages (uuid 14 via nestjs-query-typeorm, content-disposition 3 via mercurius's
    // @fastify/static, quick-lru, which mercurius imports dynamically): Node loads them with
    // require(esm), jest does not.
    'node_modules/(uuid|content-disposition|quick-lru|mercurius)/.+\\.js$': [
      '@swc/jest',
      { module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(uuid|content-disposition|quick-lru|mercurius)/)'],
};
