import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { REPO_ROOT, graphql, productionEnv, startApi, testEnv, type RunningApi } from '@app/testing';

const normalise = (sdl: string): string => printSchema(lexicographicSortSchema(buildSchema(sdl)));

describe('GraphQL over HTTP (development/test mode)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi(testEnv());
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
  });

  it('the committed apps/api/schema.graphql is the schema the code builds', async () => {
    const res = await graphql<IntrospectionQuery>(api.url, getIntrospectionQuery());
    expect(res.body.errors).toBeUndefined();
    const served = printSchema(lexicographicSortSchema(buildClientSchema(res.body.data as IntrospectionQuery)));
    const committed = normalise(readFileSync(join(REPO_ROOT, 'apps/api/schema.graphql'), 'utf8'));
    // If this fails: run `yarn api:dev` (it rewrites the file), review and commit it.
    expect(served).toBe(committed);
  });

  it('refuses a GET without a CSRF-safe header (CSRF prevention)', async () => {
    const res = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ apiVersion }')}`);
    expect(res.status).toBe(400);
  });

  it('refuses a mutation over GET', async () => {
    const res = await fetch(`${api.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
  });

  it('refuses batched requests', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ apiVersion }' }, { query: '{ apiVersion }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const parse = await graphql(api.url, '{ apiVersion');
    expect(parse.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    const validation = await graphql(api.url, '{ apiVersio }');
    expect(validation.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(validation.body.errors?.[0]?.message).toContain('Did you mean');
  });

  it('serves the IDE page to a browser on GET /graphql, with local assets only', async () => {
    const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="graphiql">');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(3);
    for (const src of sources) expect(src.startsWith('/graphiql/')).toBe(true);
    for (const src of sources) expect((await fetch(`${api.url}${src}`)).status).toBe(200);
  });

  it('sends strict security headers', async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('allows CORS from the configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const denied = await preflight('https://evil.example.com');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GraphQL in production mode', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi(productionEnv());
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
  });

  it('turns introspection off', async () => {
    const res = await graphql(api.url, '{ __schema { types { name } } }');
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.data).toBeUndefined();
  });

  it('hides field suggestions and stack traces', async () => {
    const res = await graphql(api.url, '{ apiVersio }');
    const error = res.body.errors?.[0];
    expect(error?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).not.toContain('Did you mean');
    expect(JSON.stringify(res.body)).not.toContain('stacktrace');
  });

  it('serves no IDE page', async () => {
    const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toContain('graphiql');
    expect((await fetch(`${api.url}/graphiql/graphiql.min.js`)).status).toBe(404);
  });
});
