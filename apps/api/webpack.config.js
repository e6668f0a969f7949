const nodeApp = require('../../tools/webpack/node-app.cjs');

module.exports = nodeApp({
  name: 'api',
  entries: { main: 'apps/api/src/main.ts', migrate: 'apps/api/src/migrate.ts' },
});
