import { graphql, migratedDatabase, productionEnv, startApi, type RunningApi, type TestDatabase } from '@app/testing';

/**
 * What production mode changes at the edge: no introspection, no IDE, a strict
 * helmet policy, CORS for the listed origins only.
 */
describe('production behaviour', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(productionEnv({ DATABASE_URL: db.appUrl, CORS_ORIGINS: 'https://app.example.com' }));
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('refuses introspection and serves no IDE', async () => {
    const res = await graphql(api.url, '{ __schema { types { name } } }');
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const page = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  it('sends a strict helmet policy on every answer', async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('allows cross-origin calls from CORS_ORIGINS only', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const listed = await preflight('https://app.example.com');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(listed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
