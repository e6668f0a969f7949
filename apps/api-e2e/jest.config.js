// End-to-end tests: the built API and worker (dist/apps/*) against a real
// PostgreSQL and Redis. `yarn build` must have run first (test:all does).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 60000,
};
