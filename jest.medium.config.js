// The medium tier (`yarn test:medium`, part of test:all): services and the data layer in process,
// from the TypeScript sources (no build), against a real PostgreSQL. Each test file gets its own copy
// of a migrated template database (libs/testing `mediumDatabase`) and connects as the runtime role,
// so row-level security applies as in production.
module.exports = {
  ...require('./jest.preset.js'),
  displayName: 'medium',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.medium-spec.ts'],
  testTimeout: 30000,
};
