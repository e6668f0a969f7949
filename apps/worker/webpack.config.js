const nodeApp = require('../../tools/webpack/node-app.cjs');

module.exports = nodeApp({
  name: 'worker',
  entries: { main: 'apps/worker/src/main.ts' },
});
