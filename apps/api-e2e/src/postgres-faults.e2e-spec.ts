import {
  bearer,
  graphql,
  migratedDatabase,
  signUpOwner,
  startApi,
  startTcpProxy,
  testEnv,
  type RunningApi,
  type TcpProxy,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

/**
 * PostgreSQL unreachable (the API's connections go through a proxy the test
 * cuts): an operation that needs it answers SERVICE_UNAVAILABLE at HTTP 503
 * with Retry-After, which a client can tell from a bug, and the API answers
 * as before once PostgreSQL is back, without a restart.
 */
describe('PostgreSQL unreachable', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let api: RunningApi;
  let owner: TestSession;
  const PAGE = '{ tags(paging: { first: 5 }) { totalCount } }';

  beforeAll(async () => {
    db = await migratedDatabase();
    const app = new URL(db.appUrl);
    proxy = await startTcpProxy({ host: app.hostname, port: Number(app.port || 5432) });
    app.hostname = '127.0.0.1';
    app.port = String(proxy.port);
    api = await startApi(testEnv({ DATABASE_URL: app.toString() }));
    owner = await signUpOwner(api.url, 'Outage Inc');
    // Signed in and its session cached as active (Redis is up): only the page itself needs PostgreSQL below.
    expect((await graphql(api.url, PAGE, {}, bearer(owner))).body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await proxy.restore();
    await api.stop();
    await proxy.close();
    await db.drop();
  });

  it('answers SERVICE_UNAVAILABLE, 503 with Retry-After, while it is down, and the page again once it is back', async () => {
    await proxy.cut();
    try {
      const res = await graphql(api.url, PAGE, {}, bearer(owner));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 1 });
      expect(res.body.errors?.[0]?.message).toMatch(/unavailable; try again in 1 s/);
      // No SQL, no stack, no driver detail.
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|terminated|SELECT|stacktrace/);
    } finally {
      await proxy.restore();
    }
    let after = await graphql<{ tags: { totalCount: number } }>(api.url, PAGE, {}, bearer(owner));
    for (let i = 0; i < 20 && after.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await graphql(api.url, PAGE, {}, bearer(owner));
    }
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual({ tags: { totalCount: 0 } });
  });
});
