import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * The GraphQL IDE (GraphiQL) served from our own origin with locally installed
 * assets, so it works with no internet access. GET /graphql from a browser
 * (Accept: text/html, no query) gets the page; everything else goes on to
 * GraphQL. Not installed in production.
 */
const ASSETS: Partial<Record<string, { pkg: string; file: string; type: string }>> = {
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'application/javascript' },
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'application/javascript' },
  'graphql-ws.min.js': { pkg: 'graphql-ws', file: 'umd/graphql-ws.min.js', type: 'application/javascript' },
  'react-dom.production.min.js': {
    pkg: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'application/javascript',
  },
};

// Subscriptions over graphql-ws on the same path, with graphql-ws's own browser client; the
// headers of the headers editor (Authorization among them) travel as the connection_init payload.
// (GraphiQL's own subscriptionUrl misses a named subscription sent without operationName.)
const INIT_JS = `(function () {
  var wsUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
  var http = GraphiQL.createFetcher({ url: '/graphql', headers: { 'apollo-require-preflight': 'true' } });
  var gql = GraphiQL.GraphQL;
  function isSubscription(params) {
    try {
      var op = gql.getOperationAST(gql.parse(params.query), params.operationName || undefined);
      return !!op && op.operation === 'subscription';
    } catch (e) {
      return false;
    }
  }
  function fetcher(params, opts) {
    if (!isSubscription(params)) return http(params, opts);
    var client = graphqlWs.createClient({ url: wsUrl, connectionParams: (opts && opts.headers) || {}, retryAttempts: 0 });
    return {
      subscribe: function (observer) {
        var stop = client.subscribe(params, {
          next: function (value) { observer.next(value); },
          error: function (err) { observer.error(err instanceof Error ? err : new Error('subscription closed: ' + ((err && err.reason) || 'connection refused'))); },
          complete: function () { observer.complete(); },
        });
        return { unsubscribe: function () { stop(); client.dispose(); } };
      },
    };
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, isHeadersEditorEnabled: true }));
})();
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>GraphQL IDE</title>
  <link rel="stylesheet" href="/graphiql/graphiql.min.css" />
  <link rel="stylesheet" href="/graphiql/page.css" />
</head>
<body>
  <div id="graphiql">Loading the GraphQL IDE…</div>
  <script src="/graphiql/react.production.min.js"></script>
  <script src="/graphiql/react-dom.production.min.js"></script>
  <script src="/graphiql/graphiql.min.js"></script>
  <script src="/graphiql/graphql-ws.min.js"></script>
  <script src="/graphiql/init.js"></script>
</body>
</html>
`;

const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; width: 100%; overflow: hidden; }\n';

const cache = new Map<string, Buffer>();
// createRequire: resolve from node_modules at run time, not at bundle time.
const nodeRequire = createRequire(__filename);

function asset(name: string): { body: Buffer | string; type: string } | undefined {
  if (name === 'init.js') return { body: INIT_JS, type: 'application/javascript' };
  if (name === 'page.css') return { body: PAGE_CSS, type: 'text/css' };
  const spec = ASSETS[name];
  if (!spec) return undefined;
  let body = cache.get(name);
  if (!body) {
    // The UMD files are not in the packages' "exports": locate each package by its package.json.
    body = readFileSync(join(dirname(nodeRequire.resolve(`${spec.pkg}/package.json`)), spec.file));
    cache.set(name, body);
  }
  return { body, type: spec.type };
}

export function installGraphiql(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    // The cheap tests first: this hook sees every request.
    if (
      req.method === 'GET' &&
      req.routeOptions.url === '/graphql' &&
      (req.headers.accept ?? '').includes('text/html')
    ) {
      const search = req.url.split('?', 2)[1] ?? '';
      if (!new URLSearchParams(search).has('query')) {
        void reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(PAGE);
        return;
      }
    }
    done();
  });
  fastify.get<{ Params: { name: string } }>('/graphiql/:name', (req, reply) => {
    const found = /^[\w.-]+$/.test(req.params.name) ? asset(req.params.name) : undefined;
    if (!found) return reply.status(404).type('text/plain').send('Not found');
    return reply.type(found.type).header('Cache-Control', 'public, max-age=3600').send(found.body);
  });
}
