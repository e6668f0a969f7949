import Redis from 'ioredis';
import { Client as PgClient } from 'pg';
import {
  graphql,
  migratedDatabase,
  redisUrl,
  signUpOwner,
  startApi,
  testEnv,
  type GraphQLResponse,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

const CREATE = 'mutation C($i: CreateProductInput!) { createProduct(input: $i) { id name price } }';

type Session = TestSession;

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];

/** Idempotency-Key on mutations (Stripe's semantics), across two API instances sharing Redis. */
describe('Idempotency-Key', () => {
  let db: TestDatabase;
  let one: RunningApi;
  let two: RunningApi;
  let pg: PgClient;
  let alice: Session;
  let bob: Session;
  let env: Record<string, string>;

  const headers = (s: Session, key?: string) => ({
    authorization: `Bearer ${s.accessToken}`,
    ...(key ? { 'idempotency-key': key } : {}),
  });
  const signUp = (): Promise<Session> => signUpOwner(one.url, 'Idem');
  const products = async (name: string): Promise<number> =>
    Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM products WHERE name = $1', [name])).rows[0]?.n);

  beforeAll(async () => {
    db = await migratedDatabase();
    env = testEnv({ DATABASE_URL: db.appUrl, AUTH_RATE_LIMIT_PER_IP: '1000' });
    [one, two] = await Promise.all([startApi(env), startApi(env)]);
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    [alice, bob] = await Promise.all([signUp(), signUp()]);
  });
  afterAll(async () => {
    await pg.end();
    await Promise.all([one.stop('SIGKILL'), two.stop('SIGKILL')]);
    await db.drop();
  });

  it('replays the first result for the same key and request, on any instance, doing the work once', async () => {
    const input = { i: { name: `Replay ${Date.now()}`, price: 10 } };
    const first = await graphql(one.url, CREATE, input, headers(alice, 'key-replay-1'));
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await graphql(two.url, CREATE, input, headers(alice, 'key-replay-1'));
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await products(input.i.name)).toBe(1);
  });

  it('answers CONFLICT when the key comes back with a different request', async () => {
    await graphql(one.url, CREATE, { i: { name: 'Original', price: 1 } }, headers(alice, 'key-reused'));
    const other = await graphql(one.url, CREATE, { i: { name: 'Different', price: 2 } }, headers(alice, 'key-reused'));
    expect(code(other)).toBe('CONFLICT');
    expect(other.body.errors?.[0]?.message).toBe('This Idempotency-Key was already used with a different request');
    expect(await products('Different')).toBe(0);
  });

  it('replays an error result too', async () => {
    const input = { i: { name: 'Bad tags', price: 1, tagIds: ['00000000-0000-4000-8000-000000000000'] } };
    const first = await graphql(one.url, CREATE, input, headers(alice, 'key-error'));
    expect(code(first)).toBe('BAD_USER_INPUT');
    const again = await graphql(two.url, CREATE, input, headers(alice, 'key-error'));
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keeps keys apart per user', async () => {
    const input = { i: { name: `Per user ${Date.now()}`, price: 3 } };
    const a = await graphql<{ createProduct: { id: string } }>(one.url, CREATE, input, headers(alice, 'key-shared'));
    const b = await graphql<{ createProduct: { id: string } }>(one.url, CREATE, input, headers(bob, 'key-shared'));
    expect(a.body.data?.createProduct.id).not.toBe(b.body.data?.createProduct.id);
    expect(await products(input.i.name)).toBe(2);
  });

  it('runs 100 concurrent identical requests with one key once', async () => {
    const input = { i: { name: `Stampede ${Date.now()}`, price: 4 } };
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        graphql<{ createProduct: { id: string } }>(
          i % 2 ? one.url : two.url,
          CREATE,
          input,
          headers(alice, 'key-stampede'),
        ),
      ),
    );
    expect(await products(input.i.name)).toBe(1);
    const ids = new Set(results.filter((r) => !r.body.errors).map((r) => r.body.data?.createProduct.id));
    expect(ids.size).toBe(1);
    // Every other answer is the replay or, had the first taken too long, CONFLICT: never a second run.
    for (const r of results.filter((x) => x.body.errors)) expect(code(r)).toBe('CONFLICT');
  });

  it('refuses a malformed key; ignores the header on queries and without a token', async () => {
    const bad = await graphql(one.url, CREATE, { i: { name: 'x', price: 1 } }, headers(alice, 'not a valid key!'));
    expect(code(bad)).toBe('BAD_USER_INPUT');
    const query = await graphql(one.url, '{ me { role } }', undefined, headers(alice, 'key-query'));
    expect(query.body.data).toEqual({ me: { role: 'OWNER' } });
    const anonymous = await graphql(one.url, CREATE, { i: { name: 'x', price: 1 } }, { 'idempotency-key': 'key-anon' });
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('never stores a token-bearing result: a retried refreshToken runs again (reuse grace) and Redis holds no token', async () => {
    const REFRESH =
      'mutation R($t: String!) { refreshToken(input: { refreshToken: $t }) { accessToken refreshToken } }';
    const user = await signUp();
    // The key sent from the user's session, then from another of their sessions (the reported replay).
    const first = await graphql<{ refreshToken: Session }>(
      one.url,
      REFRESH,
      { t: user.refreshToken },
      headers(user, 'refresh-key'),
    );
    expect(first.body.errors).toBeUndefined();
    const other = await graphql<{ login: Session }>(
      one.url,
      'mutation L($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }',
      { i: { email: user.user.email, password: 'correct horse battery staple' } },
    );
    const otherSession: Session = { ...user, ...other.body.data?.login };
    const retry = await graphql<{ refreshToken: Session }>(
      two.url,
      REFRESH,
      { t: user.refreshToken },
      headers(otherSession, 'refresh-key'),
    );
    // Not a replay of the first answer: run again, within the grace, so a token of its own.
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data?.refreshToken.refreshToken).not.toBe(first.body.data?.refreshToken.refreshToken);

    const redis = new Redis(redisUrl());
    try {
      const keys = await redis.keys(`${env['QUEUE_PREFIX']}:*`);
      const values = await Promise.all(
        keys.map(async (k) => ((await redis.type(k)) === 'string' ? ((await redis.get(k)) ?? '') : '')),
      );
      const secrets = [first, retry].flatMap((r) => [
        r.body.data?.refreshToken.refreshToken ?? 'missing',
        r.body.data?.refreshToken.accessToken ?? 'missing',
      ]);
      for (const secret of secrets) expect(values.some((v) => v.includes(secret))).toBe(false);
    } finally {
      redis.disconnect();
    }
  });

  it('does not replay a login with a key either (its answer is a credential)', async () => {
    const user = await signUp();
    const LOGIN = 'mutation L($i: LoginInput!) { login(input: $i) { accessToken } }';
    const vars = { i: { email: user.user.email, password: 'correct horse battery staple' } };
    const a = await graphql<{ login: Session }>(one.url, LOGIN, vars, headers(user, 'login-key'));
    const b = await graphql<{ login: Session }>(one.url, LOGIN, vars, headers(user, 'login-key'));
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.data?.login.accessToken).not.toBe(a.body.data?.login.accessToken);
  });
});
