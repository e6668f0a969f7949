// `yarn api:test`: every unit-test project (tests beside the code, *.spec.ts).
// The e2e suite has its own config (apps/api-e2e/jest.config.js).
module.exports = {
  projects: [
    '<rootDir>/apps/api',
    '<rootDir>/apps/worker',
    '<rootDir>/libs/core',
    '<rootDir>/libs/database',
    '<rootDir>/libs/queue',
    '<rootDir>/libs/mail',
    '<rootDir>/tools',
  ],
};
