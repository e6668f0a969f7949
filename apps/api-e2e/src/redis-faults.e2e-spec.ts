import {
  TEST_PASSWORD,
  bearer,
  graphql,
  migratedDatabase,
  redisUrl,
  signUpOwner,
  startApi,
  startTcpProxy,
  testEnv,
  type RunningApi,
  type TcpProxy,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

/** Resolves with how long `work` took, or rejects once it has taken `limitMs` (a hung request fails the test, bounded). */
async function timed<T>(work: Promise<T>, limitMs: number): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`still waiting after ${limitMs} ms`));
    }, limitMs);
  });
  try {
    const value = await Promise.race([work, limit]);
    return { value, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A silent Redis partition (the proxy holds every byte, as a network that
 * drops packets and TCP retransmits them later): the API's requests answer in
 * bounded time instead of hanging behind Redis, and everything is as before
 * once the network heals.
 */
describe('Redis gone silent', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let api: RunningApi;
  let owner: TestSession;
  const PAGE = '{ tags(paging: { first: 5 }) { totalCount edges { node { name } } } }';

  beforeAll(async () => {
    const target = new URL(redisUrl());
    [db, proxy] = await Promise.all([
      migratedDatabase(),
      startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) }),
    ]);
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl, REDIS_URL: `redis://127.0.0.1:${proxy.port}` }));
    owner = await signUpOwner(api.url, 'Partition Inc');
    const tag = await graphql(api.url, 'mutation { createTag(input: { name: "kept" }) { id } }', {}, bearer(owner));
    expect(tag.body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await proxy.restore();
    await api.stop();
    await proxy.close();
    await db.drop();
  });

  it('answers a signed-in page within 2 s while Redis holds every byte, then as before when it heals', async () => {
    proxy.blackhole();
    try {
      // The request limiter fails open and the session check falls back to PostgreSQL, each within its timeout.
      for (let i = 0; i < 3; i++) {
        const { value, ms } = await timed(graphql(api.url, PAGE, {}, bearer(owner)), 5000);
        expect(value.body.errors).toBeUndefined();
        expect(value.body.data).toEqual({ tags: { totalCount: 1, edges: [{ node: { name: 'kept' } }] } });
        expect(ms).toBeLessThan(2000);
      }
      // A public operation too.
      const version = await timed(graphql(api.url, '{ apiVersion }'), 5000);
      expect(version.value.status).toBe(200);
      expect(version.ms).toBeLessThan(2000);
      // And the health check says so, in time for a load balancer.
      const health = await timed(fetch(`${api.url}/health`), 5000);
      expect(health.value.status).toBe(503);
      expect(health.ms).toBeLessThan(2000);
    } finally {
      await proxy.restore();
    }
    // Healed: the held bytes arrive, the client's replies stay in order, and the API answers as before.
    for (let i = 0; i < 20; i++) {
      if ((await fetch(`${api.url}/health`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const after = await graphql(api.url, PAGE, {}, bearer(owner));
    expect(after.body.data).toEqual({ tags: { totalCount: 1, edges: [{ node: { name: 'kept' } }] } });
  });

  it('keeps login working with Redis down, under stricter limits counted in the process', async () => {
    const LOGIN = 'mutation L($i: LoginInput!) { login(input: $i) { accessToken } }';
    const login = (email: string, password: string) =>
      timed(graphql<{ login: { accessToken: string } }>(api.url, LOGIN, { i: { email, password } }), 5000);
    await proxy.cut();
    try {
      const ok = await login(owner.user.email, TEST_PASSWORD);
      expect(ok.value.body.errors).toBeUndefined();
      expect(ok.value.body.data?.login.accessToken).toEqual(expect.any(String));
      expect(ok.ms).toBeLessThan(2000);
      // AUTH_RATE_LIMIT_PER_EMAIL is 10; alone in this process, half of it: 5 wrong guesses, then refused.
      const codes: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await login('nobody.partition@example.com', 'wrong password, again');
        codes.push(res.value.body.errors?.[0]?.extensions?.['code']);
      }
      expect(codes).toEqual([...Array<string>(5).fill('UNAUTHENTICATED'), 'TOO_MANY_REQUESTS']);
    } finally {
      await proxy.restore();
    }
  });
});
