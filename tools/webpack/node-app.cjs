// Shared webpack configuration for the Node applications (api, worker).
// Bundles the app and the workspace libs into dist/apps/<name>/*.js; every npm
// package stays external, so the output runs with plain `node` and the
// production dependencies only. TypeScript goes through swc (fast, keeps
// decorator metadata, which NestJS and TypeORM need); type checking is a
// separate step (`yarn typecheck`).
const path = require('node:path');
const nodeExternals = require('webpack-node-externals');
const tsconfig = require('../../tsconfig.base.json');

const root = path.resolve(__dirname, '../..');

/** Path aliases from tsconfig.base.json ("@app/core" -> libs/core/src/index.ts). */
function aliases() {
  const out = {};
  for (const [alias, targets] of Object.entries(tsconfig.compilerOptions.paths)) {
    out[`${alias}$`] = path.join(root, targets[0]);
  }
  return out;
}

/**
 * @param {{ name: string, entries: Record<string, string> }} options
 *   entries: output name -> source path relative to the repository root
 */
module.exports = function nodeApp({ name, entries }) {
  return {
    mode: 'none',
    target: 'node20',
    context: root,
    entry: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, `./${v}`])),
    output: {
      path: path.join(root, 'dist/apps', name),
      filename: '[name].js',
      library: { type: 'commonjs2' },
      clean: true,
    },
    devtool: 'source-map',
    resolve: { extensions: ['.ts', '.js', '.json'], alias: aliases() },
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: path.join(root, 'node_modules') })],
    module: {
      // createRequire() resolves npm packages at run time (from node_modules).
      parser: { javascript: { createRequire: false } },
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              sourceMaps: true,
              jsc: {
                target: 'es2022',
                parser: { syntax: 'typescript', decorators: true },
                transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
                keepClassNames: true,
              },
            },
          },
        },
      ],
    },
    optimization: { minimize: false, nodeEnv: false },
    node: { __dirname: false, __filename: false },
    stats: 'errors-warnings',
  };
};
