module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'mail',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
