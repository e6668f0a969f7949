import {
  graphql,
  migratedDatabase,
  startApi,
  testEnv,
  type GraphQLResponse,
  type RunningApi,
  type TestDatabase,
} from '@app/testing';

const LOGIN = 'mutation L($i: LoginInput!) { login(input: $i) { accessToken } }';
const SIGN_UP = 'mutation S($i: SignUpInput!) { signUp(input: $i) { accessToken } }';
const PASSWORD = 'correct horse battery staple';
const REQUEST_RESET = 'mutation R($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation R($i: ResetPasswordInput!) { resetPassword(input: $i) }';

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];

/**
 * The auth rate limits live in Redis: two API instances sharing it share the
 * counters. Limits are set low here: 3 per email, 5 per IP, per 15 minutes.
 */
describe('auth rate limits (Redis-backed, across instances)', () => {
  let db: TestDatabase;
  let one: RunningApi;
  let two: RunningApi;
  let n = 0;
  const email = (): string => `rl${++n}.${Date.now()}@example.com`;

  beforeAll(async () => {
    db = await migratedDatabase();
    const env = testEnv({ DATABASE_URL: db.appUrl, AUTH_RATE_LIMIT_PER_EMAIL: '3', AUTH_RATE_LIMIT_PER_IP: '5' });
    // One QUEUE_PREFIX (from testEnv) for both: the same deployment, two instances.
    [one, two] = await Promise.all([startApi(env), startApi(env)]);
  });
  afterAll(async () => {
    await Promise.all([one.stop('SIGKILL'), two.stop('SIGKILL')]);
    await db.drop();
  });

  it('login: the per-email limit counts attempts on both instances, with a retry hint', async () => {
    const address = email();
    const attempt = (api: RunningApi) =>
      graphql(api.url, LOGIN, { i: { email: address, password: 'wrong password 1' } });
    expect(code(await attempt(one))).toBe('UNAUTHENTICATED');
    expect(code(await attempt(two))).toBe('UNAUTHENTICATED');
    expect(code(await attempt(one))).toBe('UNAUTHENTICATED');
    const limited = await attempt(two);
    expect(code(limited)).toBe('TOO_MANY_REQUESTS');
    const retryAfter = limited.body.errors?.[0]?.extensions?.['retryAfter'];
    expect(retryAfter).toEqual(expect.any(Number));
    expect(retryAfter as number).toBeGreaterThan(0);
    expect(retryAfter as number).toBeLessThanOrEqual(900);
    // The same address in another case is the same address.
    expect(code(await graphql(one.url, LOGIN, { i: { email: address.toUpperCase(), password: 'x' } }))).toBe(
      'TOO_MANY_REQUESTS',
    );
  });

  it('login: only failures count against an account; successful sign-ins do not', async () => {
    const address = email();
    const signUp = await graphql(one.url, SIGN_UP, {
      i: { email: address, password: PASSWORD, name: 'Ada', tenantName: 'Rate Limited Inc' },
    });
    expect(signUp.body.errors).toBeUndefined();
    // Its own deployment, so this IP's earlier attempts do not count here.
    const own = await startApi(testEnv({ DATABASE_URL: db.appUrl, AUTH_RATE_LIMIT_PER_EMAIL: '3' }));
    try {
      const login = (password: string) => graphql(own.url, LOGIN, { i: { email: address, password } });
      for (let i = 0; i < 5; i++) expect(code(await login(PASSWORD))).toBeUndefined();
      expect(code(await login('wrong password 1'))).toBe('UNAUTHENTICATED');
      expect(code(await login('wrong password 2'))).toBe('UNAUTHENTICATED');
      expect(code(await login(PASSWORD))).toBeUndefined();
      expect(code(await login('wrong password 3'))).toBe('UNAUTHENTICATED');
      expect(code(await login('wrong password 4'))).toBe('TOO_MANY_REQUESTS');
      // Locked: even the right password waits.
      expect(code(await login(PASSWORD))).toBe('TOO_MANY_REQUESTS');
    } finally {
      await own.stop('SIGKILL');
    }
  });

  it('requestPasswordReset: limited per email, still without saying whether the address exists', async () => {
    const address = email();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await graphql(one.url, REQUEST_RESET, { e: address }));
    expect(results.slice(0, 3).map((r) => r.body.data)).toEqual([
      { requestPasswordReset: true },
      { requestPasswordReset: true },
      { requestPasswordReset: true },
    ]);
    expect(code(results[3])).toBe('TOO_MANY_REQUESTS');
  });

  it('resetPassword: limited per IP, so tokens cannot be guessed at speed', async () => {
    const codes: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const api = i % 2 === 0 ? one : two;
      codes.push(
        code(await graphql(api.url, RESET, { i: { token: `guess-${i}`, newPassword: 'a brand new passphrase' } })),
      );
    }
    expect(codes).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'TOO_MANY_REQUESTS',
    ]);
  });

  it('acceptInvitation and declineInvitation: limited per IP, so invitation tokens cannot be guessed at speed', async () => {
    const own = await startApi(testEnv({ DATABASE_URL: db.appUrl, AUTH_RATE_LIMIT_PER_IP: '4' }));
    try {
      const codes: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        const op =
          i % 2
            ? 'mutation D($t: String!) { declineInvitation(input: { token: $t }) }'
            : 'mutation A($t: String!) { acceptInvitation(input: { token: $t }) { accessToken } }';
        codes.push(code(await graphql(own.url, op, { t: `guess-${i}` })));
      }
      expect(codes).toEqual([...Array<string>(4).fill('BAD_USER_INPUT'), 'TOO_MANY_REQUESTS']);
    } finally {
      await own.stop('SIGKILL');
    }
  });

  it('login: the per-IP limit stops one address trying many accounts', async () => {
    // Its own deployment (a fresh key prefix): the per-email test's attempts came from this IP too.
    const own = await startApi(testEnv({ DATABASE_URL: db.appUrl, AUTH_RATE_LIMIT_PER_IP: '5' }));
    try {
      const codes: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        codes.push(code(await graphql(own.url, LOGIN, { i: { email: email(), password: 'whatever 123' } })));
      }
      expect(codes).toEqual([...Array<string>(5).fill('UNAUTHENTICATED'), 'TOO_MANY_REQUESTS']);
    } finally {
      await own.stop('SIGKILL');
    }
  });

  describe('lockout per client, IPv6 by /64, and sign-ups', () => {
    let proxied: RunningApi;
    beforeAll(async () => {
      // Behind one trusted proxy, so that X-Forwarded-For names the client.
      proxied = await startApi(
        testEnv({
          DATABASE_URL: db.appUrl,
          TRUST_PROXY: '1',
          AUTH_RATE_LIMIT_PER_EMAIL: '3',
          AUTH_RATE_LIMIT_PER_EMAIL_ALL_IPS: '6',
          AUTH_RATE_LIMIT_PER_IP: '5',
          AUTH_RATE_LIMIT_SIGNUPS_PER_IP: '2',
        }),
      );
    });
    afterAll(() => proxied.stop('SIGKILL'));

    const from = (ip: string, query: string, variables: Record<string, unknown>) =>
      graphql(proxied.url, query, variables, { 'x-forwarded-for': ip });
    const signUp = (ip: string, address: string) =>
      from(ip, SIGN_UP, { i: { email: address, password: PASSWORD, name: 'Ada', tenantName: 'Locked Inc' } });

    it('failures from one client lock that client out of the account, not its owner elsewhere', async () => {
      const address = email();
      expect(code(await signUp('198.51.100.1', address))).toBeUndefined();
      const login = (ip: string, password: string) => from(ip, LOGIN, { i: { email: address, password } });
      for (let i = 0; i < 3; i++)
        expect(code(await login('203.0.113.66', `wrong password ${i}`))).toBe('UNAUTHENTICATED');
      expect(code(await login('203.0.113.66', PASSWORD))).toBe('TOO_MANY_REQUESTS');
      // The owner, from their own network, still signs in.
      expect(code(await login('198.51.100.1', PASSWORD))).toBeUndefined();
    });

    it('failures from many clients meet a per-account ceiling', async () => {
      const address = email();
      const login = (ip: string) => from(ip, LOGIN, { i: { email: address, password: 'wrong password' } });
      const codes: unknown[] = [];
      for (let i = 0; i < 7; i++) codes.push(code(await login(`192.0.2.${10 + i}`)));
      expect(codes).toEqual([...Array<string>(6).fill('UNAUTHENTICATED'), 'TOO_MANY_REQUESTS']);
    });

    it('counts an IPv6 client by its /64 (every address of it shares one bucket)', async () => {
      const codes: unknown[] = [];
      for (let i = 1; i <= 6; i++) {
        codes.push(code(await from(`2001:db8:77:1:${i}::1`, LOGIN, { i: { email: email(), password: 'whatever 1' } })));
      }
      expect(codes).toEqual([...Array<string>(5).fill('UNAUTHENTICATED'), 'TOO_MANY_REQUESTS']);
      // Another /64 is another client.
      expect(code(await from('2001:db8:77:2::1', LOGIN, { i: { email: email(), password: 'whatever 1' } }))).toBe(
        'UNAUTHENTICATED',
      );
    });

    it('signUp: limited per client, a taken address refused as CONFLICT within the limit', async () => {
      const taken = email();
      expect(code(await signUp('203.0.113.200', taken))).toBeUndefined();
      expect(code(await signUp('203.0.113.200', taken))).toBe('CONFLICT');
      expect(code(await signUp('203.0.113.200', email()))).toBe('TOO_MANY_REQUESTS');
      expect(code(await signUp('203.0.113.201', email()))).toBeUndefined();
    });
  });
});
