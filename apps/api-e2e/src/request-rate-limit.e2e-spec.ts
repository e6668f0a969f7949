import {
  bearer,
  graphql,
  migratedDatabase,
  signUpOwner,
  startApi,
  testEnv,
  uniqueQueuePrefix,
  type GraphQLResponse,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

const ME = '{ me { role } }';
const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];

/**
 * RATE_LIMIT_PER_MINUTE on every GraphQL request, per user (per IP signed
 * out), shared by the API instances through Redis.
 */
describe('request rate limit (per user, per IP, across instances)', () => {
  let db: TestDatabase;
  let setup: RunningApi;
  let one: RunningApi;
  let two: RunningApi;
  let proxied: RunningApi;
  let alice: TestSession;
  let bob: TestSession;

  beforeAll(async () => {
    db = await migratedDatabase();
    // Users are made through an instance with its own counters, so that the sign-ups cost nothing below.
    // One set of keys for all instances (testEnv makes new ones each time).
    const base = testEnv({ DATABASE_URL: db.appUrl });
    setup = await startApi(base);
    [alice, bob] = await Promise.all([signUpOwner(setup.url, 'Alice Inc'), signUpOwner(setup.url, 'Bob Inc')]);
    const shared = { ...base, RATE_LIMIT_PER_MINUTE: '5', QUEUE_PREFIX: uniqueQueuePrefix() };
    [one, two, proxied] = await Promise.all([
      startApi(shared),
      startApi(shared),
      startApi({ ...base, RATE_LIMIT_PER_MINUTE: '2', QUEUE_PREFIX: uniqueQueuePrefix(), TRUST_PROXY: '1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([setup, one, two, proxied].map((a) => a.stop('SIGKILL')));
    await db.drop();
  });

  it('counts a user’s requests on every instance; the 6th in a minute is TOO_MANY_REQUESTS (429, Retry-After)', async () => {
    const answers = [];
    for (const api of [one, one, one, two, two]) answers.push(await graphql(api.url, ME, {}, bearer(alice)));
    expect(answers.map((r) => r.body.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);

    const refused = await graphql(two.url, ME, {}, bearer(alice));
    expect(refused.status).toBe(429);
    expect(code(refused)).toBe('TOO_MANY_REQUESTS');
    const retryAfter = refused.body.errors?.[0]?.extensions?.['retryAfter'];
    expect(retryAfter).toEqual(expect.any(Number));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
    expect(refused.headers.get('x-request-id')).toBeTruthy();
    expect(code(await graphql(one.url, ME, {}, bearer(alice)))).toBe('TOO_MANY_REQUESTS');

    // Another user has a bucket of their own.
    expect((await graphql(one.url, ME, {}, bearer(bob))).body.errors).toBeUndefined();
  });

  it('counts signed-out requests (and requests with a bad token) per client IP; /health is never limited', async () => {
    const results: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const headers: Record<string, string> = i % 2 === 0 ? {} : { authorization: 'Bearer not-a-token' };
      results.push(code(await graphql(i < 3 ? one.url : two.url, '{ apiVersion }', {}, headers)));
    }
    // apiVersion is public: the bad token is ignored there, but it does not buy a bucket of its own.
    expect(results).toEqual([undefined, undefined, undefined, undefined, undefined, 'TOO_MANY_REQUESTS']);
    for (let i = 0; i < 10; i++) expect((await fetch(`${one.url}/health`)).status).toBe(200);
  });

  it('takes the client IP from X-Forwarded-For only as far as TRUST_PROXY says', async () => {
    const from = (ip: string) => graphql(proxied.url, '{ apiVersion }', {}, { 'x-forwarded-for': ip });
    expect([code(await from('203.0.113.7')), code(await from('203.0.113.7'))]).toEqual([undefined, undefined]);
    expect(code(await from('203.0.113.7'))).toBe('TOO_MANY_REQUESTS');
    // Another client behind the same proxy has its own bucket.
    expect(code(await from('198.51.100.9'))).toBeUndefined();
    // Without TRUST_PROXY (instance one) the header changes nothing: still this machine's IP, already used up.
    expect(code(await graphql(one.url, '{ apiVersion }', {}, { 'x-forwarded-for': '192.0.2.1' }))).toBe(
      'TOO_MANY_REQUESTS',
    );
  });

  it('counts every spelling of the GraphQL path (case, trailing slash, a suffix, an encoding)', async () => {
    // Each variant from its own client (TRUST_PROXY) with a limit of 2: the third request is refused.
    // Case and a trailing slash reach GraphQL (200); a suffix is no route (404) but counts all the same.
    const variants: [string, number][] = [
      ['/GraphQL', 200],
      ['/graphql/', 200],
      ['/%67raphql', 200],
      ['/graphql/anything', 404],
      ['/GRAPHQL/x/y', 404],
    ];
    for (const [i, [path, answer]] of variants.entries()) {
      const statuses: number[] = [];
      for (let n = 0; n < 3; n++) {
        const res = await fetch(`${proxied.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${100 + i}` },
          body: JSON.stringify({ query: '{ apiVersion }' }),
        });
        statuses.push(res.status);
      }
      expect({ path, statuses }).toEqual({ path, statuses: [answer, answer, 429] });
    }
  });

  it('counts IPv6 clients by their /64: another address of the same /64 shares the bucket', async () => {
    const from = (ip: string) => graphql(proxied.url, '{ apiVersion }', {}, { 'x-forwarded-for': ip });
    expect(code(await from('2001:db8:aa:bb::1'))).toBeUndefined();
    expect(code(await from('2001:db8:aa:bb:ffff:1:2:3'))).toBeUndefined();
    expect(code(await from('2001:db8:aa:bb::9'))).toBe('TOO_MANY_REQUESTS');
    // The next /64 is another subscriber.
    expect(code(await from('2001:db8:aa:bc::1'))).toBeUndefined();
  });
});
