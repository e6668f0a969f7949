/**
 * Property-based fuzzing (fast-check) against the built API on a real
 * PostgreSQL and Redis: random strings, numbers, ids and nested filters thrown
 * at every mutation's input and at the products filter. Whatever comes in,
 * the answer carries a contract error code, never INTERNAL_SERVER_ERROR, and
 * never anything of another tenant. Bounded: a fixed number of runs each.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import {
  bearer,
  graphql,
  migratedDatabase,
  signUpOwner,
  startApi,
  testEnv,
  type GraphQLResponse,
  type RunningApi,
  type TestDatabase,
  type TestSession,
  TEST_PASSWORD,
} from '@app/testing';

const RUNS = 120;
jest.setTimeout(240_000);
const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
]);
/** Names only tenant B has; the fuzzers never send them, so an answer holding one leaked it. */
const B_SECRETS = ['zz-secret-product-of-b', 'zz-secret-tag-of-b', 'owner-of-b@example.com'];

type Kind = 'str' | 'num' | 'id' | 'ids' | 'role' | 'status' | 'email';
interface Target {
  name: string;
  document: string;
  /** The input object's fields, or a single argument when `argument` is set. */
  fields: Record<string, Kind>;
  argument?: string;
  public?: boolean;
}

const TARGETS: Target[] = [
  {
    name: 'createProduct',
    document:
      'mutation M($input: CreateProductInput!) { createProduct(input: $input) { id name price tags { id name } owner { id email } } }',
    fields: { name: 'str', price: 'num', status: 'status', tagIds: 'ids' },
  },
  {
    name: 'updateProduct',
    document:
      'mutation M($input: UpdateProductInput!) { updateProduct(input: $input) { id name price tags { id name } owner { id email } } }',
    fields: { id: 'id', name: 'str', price: 'num', status: 'status', tagIds: 'ids' },
  },
  {
    name: 'deleteProduct',
    document: 'mutation M($id: ID!) { deleteProduct(id: $id) { id name } }',
    fields: { id: 'id' },
    argument: 'id',
  },
  {
    name: 'createTag',
    document: 'mutation M($input: CreateTagInput!) { createTag(input: $input) { id name } }',
    fields: { name: 'str' },
  },
  {
    name: 'updateTag',
    document: 'mutation M($input: UpdateTagInput!) { updateTag(input: $input) { id name } }',
    fields: { id: 'id', name: 'str' },
  },
  {
    name: 'deleteTag',
    document: 'mutation M($id: ID!) { deleteTag(id: $id) { id name } }',
    fields: { id: 'id' },
    argument: 'id',
  },
  {
    name: 'inviteMember',
    document: 'mutation M($input: InviteMemberInput!) { inviteMember(input: $input) { id email role status } }',
    fields: { email: 'email', role: 'role' },
  },
  {
    name: 'resendInvitation',
    document: 'mutation M($id: ID!) { resendInvitation(id: $id) { id } }',
    fields: { id: 'id' },
    argument: 'id',
  },
  {
    name: 'revokeInvitation',
    document: 'mutation M($id: ID!) { revokeInvitation(id: $id) { id } }',
    fields: { id: 'id' },
    argument: 'id',
  },
  {
    name: 'updateMemberRole',
    document:
      'mutation M($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { id role user { id email } } }',
    fields: { userId: 'id', role: 'role' },
  },
  {
    name: 'removeMember',
    document: 'mutation M($userId: ID!) { removeMember(userId: $userId) }',
    fields: { userId: 'id' },
    argument: 'userId',
  },
  {
    name: 'switchTenant',
    document: 'mutation M($tenantId: ID!) { switchTenant(tenantId: $tenantId) { accessToken } }',
    fields: { tenantId: 'id' },
    argument: 'tenantId',
  },
  {
    name: 'signUp',
    document: 'mutation M($input: SignUpInput!) { signUp(input: $input) { user { id } } }',
    fields: { email: 'email', name: 'str', password: 'str', tenantName: 'str' },
    public: true,
  },
  {
    name: 'login',
    document: 'mutation M($input: LoginInput!) { login(input: $input) { user { id } } }',
    fields: { email: 'email', password: 'str', tenantId: 'id' },
    public: true,
  },
  {
    name: 'requestPasswordReset',
    document: 'mutation M($email: String!) { requestPasswordReset(email: $email) }',
    fields: { email: 'email' },
    argument: 'email',
    public: true,
  },
  {
    name: 'resetPassword',
    document: 'mutation M($input: ResetPasswordInput!) { resetPassword(input: $input) }',
    fields: { token: 'str', newPassword: 'str' },
    public: true,
  },
  {
    name: 'verifyEmail',
    document: 'mutation M($token: String!) { verifyEmail(token: $token) }',
    fields: { token: 'str' },
    argument: 'token',
    public: true,
  },
  {
    name: 'refreshToken',
    document: 'mutation M($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken } }',
    fields: { refreshToken: 'str' },
    public: true,
  },
  {
    name: 'acceptInvitation',
    document: 'mutation M($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { id } } }',
    fields: { token: 'str', name: 'str', password: 'str' },
    public: true,
  },
  {
    name: 'declineInvitation',
    document: 'mutation M($input: DeclineInvitationInput!) { declineInvitation(input: $input) }',
    fields: { token: 'str' },
    public: true,
  },
];

/** Strings that have broken servers: SQL, LIKE wildcards, NUL, lone surrogates, very long, unicode. */
const nasty = fc.constantFrom(
  '',
  ' ',
  "'; DROP TABLE products; --",
  '%',
  '_%\\',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '𝓤𝓷𝓲𝓬𝓸𝓭𝓮 👩‍👩‍👧',
  'x'.repeat(300),
  'x'.repeat(5000),
  '00000000-0000-0000-0000-000000000000',
  'NaN',
  '1e309',
  '<script>alert(1)</script>',
);
const str = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), nasty);
const num = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 0.001, 1.005, 99999999.99, 100000000, 1e308, -1e308, 2 ** 53, Number.MIN_VALUE),
);
const junk = fc.oneof(
  str,
  num,
  fc.boolean(),
  fc.constant(null),
  fc.array(str, { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

describe('fuzzing: random input never yields INTERNAL_SERVER_ERROR or another tenant’s data', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let a: TestSession;
  let b: TestSession;
  const known: string[] = [];

  /**
   * A's session, signed in again: the fuzzers may have ended the one they used
   * (switchTenant into A's own tenant with a known id starts a new session and ends the old).
   */
  const freshSession = async (): Promise<TestSession> => {
    const res = await graphql<{ login: Pick<TestSession, 'accessToken'> }>(
      api.url,
      'mutation L($i: LoginInput!) { login(input: $i) { accessToken } }',
      { i: { email: a.user.email, password: TEST_PASSWORD } },
    );
    if (!res.body.data) throw new Error(`login failed: ${JSON.stringify(res.body.errors)}`);
    return { ...a, accessToken: res.body.data.login.accessToken };
  };
  let session: TestSession | undefined;
  /** One fresh session for a whole property run (logout and switchTenant among the shapes end it: then another). */
  const freshSessionOnce = async (): Promise<TestSession> => {
    session ??= await freshSession();
    const alive = await graphql(api.url, '{ me { role } }', {}, bearer(session));
    if (alive.body.errors) session = await freshSession();
    return session;
  };
  const call = (doc: string, variables: Record<string, unknown>, as?: TestSession): Promise<GraphQLResponse> =>
    graphql(api.url, doc, variables, as ? bearer(as) : {});

  /** The invariants every answer must keep. */
  function check(res: GraphQLResponse): void {
    expect(res.status).not.toBe(500);
    for (const error of res.body.errors ?? []) {
      const code = error.extensions?.['code'];
      if (!CONTRACT_CODES.has(String(code))) throw new Error(`unexpected error: ${JSON.stringify(error)}`);
    }
    const text = JSON.stringify(res.body);
    for (const secret of B_SECRETS) expect(text).not.toContain(secret);
  }

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(
      testEnv({
        DATABASE_URL: db.appUrl,
        RATE_LIMIT_PER_MINUTE: '1000000',
        AUTH_RATE_LIMIT_PER_IP: '1000000',
        AUTH_RATE_LIMIT_PER_EMAIL: '1000000',
        AUTH_RATE_LIMIT_PER_EMAIL_ALL_IPS: '1000000',
      }),
    );
    a = await signUpOwner(api.url, 'Tenant A');
    const signUpB = await call(
      'mutation S($i: SignUpInput!) { signUp(input: $i) { accessToken refreshToken user { id email } tenant { id } } }',
      { i: { email: B_SECRETS[2], name: 'B', password: 'correct horse battery staple', tenantName: 'Tenant B' } },
    );
    b = (signUpB.body.data as { signUp: TestSession }).signUp;
    const tagB = await call(
      'mutation T($i: CreateTagInput!) { createTag(input: $i) { id } }',
      { i: { name: B_SECRETS[1] } },
      b,
    );
    const tagBId = (tagB.body.data as { createTag: { id: string } }).createTag.id;
    const productB = await call(
      'mutation P($i: CreateProductInput!) { createProduct(input: $i) { id } }',
      { i: { name: B_SECRETS[0], price: 5, tagIds: [tagBId] } },
      b,
    );
    const tagA = await call(
      'mutation T($i: CreateTagInput!) { createTag(input: $i) { id } }',
      { i: { name: 'a tag' } },
      a,
    );
    const productA = await call(
      'mutation P($i: CreateProductInput!) { createProduct(input: $i) { id } }',
      { i: { name: 'a product', price: 1 } },
      a,
    );
    known.push(
      (productB.body.data as { createProduct: { id: string } }).createProduct.id,
      tagBId,
      b.user.id,
      b.tenant.id,
      (tagA.body.data as { createTag: { id: string } }).createTag.id,
      (productA.body.data as { createProduct: { id: string } }).createProduct.id,
      a.user.id,
      a.tenant.id,
    );
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('every mutation, any input', async () => {
    const id = fc.oneof(fc.constantFrom(...known), fc.uuid(), str);
    const arbitraries: Record<Kind, fc.Arbitrary<unknown>> = {
      str,
      num,
      id,
      ids: fc.oneof(fc.array(id, { maxLength: 60 }), junk),
      role: fc.oneof(fc.constantFrom('OWNER', 'ADMIN', 'MEMBER'), str),
      status: fc.oneof(fc.constantFrom('ACTIVE', 'INACTIVE', 'ARCHIVED'), str),
      email: fc.oneof(fc.emailAddress(), str),
    };
    const inputOf = (target: Target): fc.Arbitrary<Record<string, unknown>> => {
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [field, kind] of Object.entries(target.fields)) {
        // Mostly the right kind, sometimes anything at all, sometimes missing.
        record[field] = fc.option(
          fc.oneof({ weight: 4, arbitrary: arbitraries[kind] }, { weight: 1, arbitrary: junk }),
          {
            nil: undefined,
            freq: 6,
          },
        );
      }
      return fc
        .record(record, { requiredKeys: [] })
        .chain((input) =>
          fc
            .option(fc.tuple(fc.constantFrom('tenantId', 'ownerId', 'extra'), junk), { nil: undefined })
            .map((extra) => (extra ? { ...input, [extra[0]]: extra[1] } : input)),
        );
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS).chain((target) => inputOf(target).map((input) => ({ target, input }))),
        fc.boolean(),
        async ({ target, input }, signedIn) => {
          const variables = target.argument ? { [target.argument]: input[target.argument] } : { input };
          check(await call(target.document, variables, signedIn || !target.public ? a : undefined));
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it('request shapes: any document shape, operationName and method answer 4xx or 200, never 500', async () => {
    const shapes = [
      'query A { apiVersion } mutation B { logout }',
      'mutation Create { createTag(input: { name: "fuzz" }) { id } }',
      'subscription S { productChanged { id } }',
      'fragment F on Query { apiVersion }',
      '{ apiVersion }',
      '',
      '   ',
      'query A { apiVersion } query A { apiVersion }',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...shapes),
        fc.option(fc.oneof(fc.constantFrom('A', 'B', 'Create', 'S', 'F'), fc.string({ maxLength: 12 })), {
          nil: undefined,
        }),
        fc.constantFrom('POST', 'GET'),
        fc.option(fc.constantFrom('fuzz-key-1', 'fuzz-key-2'), { nil: undefined }),
        async (query, operationName, method, key) => {
          const me = await freshSessionOnce();
          const headers: Record<string, string> = {
            authorization: `Bearer ${me.accessToken}`,
            'apollo-require-preflight': 'true',
            ...(key ? { 'idempotency-key': key } : {}),
          };
          const params = { query, ...(operationName !== undefined ? { operationName } : {}) };
          const res =
            method === 'POST'
              ? await fetch(`${api.url}/graphql`, {
                  method,
                  headers: { ...headers, 'content-type': 'application/json' },
                  body: JSON.stringify(params),
                })
              : await fetch(`${api.url}/graphql?${new URLSearchParams(params).toString()}`, { headers });
          const body = (await res.json()) as GraphQLResponse['body'];
          check({ status: res.status, headers: res.headers, body });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the products filter, any nesting and values', async () => {
    const ops = [
      'eq',
      'neq',
      'gt',
      'gte',
      'lt',
      'lte',
      'like',
      'notLike',
      'iLike',
      'notILike',
      'in',
      'notIn',
      'is',
      'isNot',
      'between',
      'unknownOp',
    ];
    const value = fc.oneof(junk, fc.record({ lower: junk, upper: junk }), fc.array(junk, { maxLength: 5 }));
    const comparison = fc.dictionary(fc.constantFrom(...ops), value, { maxKeys: 3 });
    const { filter } = fc.letrec<{ filter: Record<string, unknown> }>((tie) => ({
      filter: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record(
          {
            name: comparison,
            price: comparison,
            status: comparison,
            createdAt: comparison,
            id: comparison,
          },
          { requiredKeys: [] },
        ),
        fc.record({ and: fc.array(tie('filter'), { maxLength: 3 }) }),
        fc.record({ or: fc.array(tie('filter'), { maxLength: 3 }) }),
      ),
    }));
    const paging = fc.option(
      fc.record(
        { first: fc.oneof(fc.integer({ min: -5, max: 150 }), junk), after: fc.oneof(str, junk) },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    const sorting = fc.option(
      fc.array(
        fc.record({
          field: fc.oneof(fc.constantFrom('name', 'price', 'createdAt', 'status', 'updatedAt'), str),
          direction: fc.oneof(fc.constantFrom('ASC', 'DESC'), str),
        }),
        {
          maxLength: 3,
        },
      ),
      { nil: undefined },
    );
    const query = `query Q($filter: ProductFilter, $paging: CursorPaging, $sorting: [ProductSort!]) {
      products(filter: $filter, paging: $paging, sorting: $sorting) {
        totalCount edges { cursor node { id name owner { id email } tags { id name } } }
      }
    }`;
    await fc.assert(
      fc.asyncProperty(filter, paging, sorting, async (f, p, s) => {
        const res = await call(query, { filter: f, paging: p, sorting: s }, a);
        check(res);
        const page = (res.body.data as { products?: { edges: { node: { owner: { id: string } } }[] } } | null)
          ?.products;
        for (const edge of page?.edges ?? []) expect(edge.node.owner.id).toBe(a.user.id);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('regressions the fuzzers found: NUL characters and too many bad variable values are BAD_USER_INPUT', async () => {
    const me = await freshSession();
    const nul = await call('mutation M($e: String!) { requestPasswordReset(email: $e) }', { e: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'e', messages: ['must not contain NUL characters (\\u0000)'] }],
    });
    const nested = await call(
      'mutation M($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { name: 'ok', price: 1, tagIds: ['x', 'y\u0000'] } },
      me,
    );
    expect(nested.body.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'input.tagIds.1', messages: ['must not contain NUL characters (\\u0000)'] },
    ]);
    const literal = await call('{ products(filter: { name: { eq: "a\\u0000" } }) { totalCount } }', {}, me);
    expect(literal.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const many = await call(
      'query Q($f: ProductFilter) { products(filter: $f) { totalCount } }',
      {
        f: { or: Array.from({ length: 60 }, () => ({ price: { eq: 'not a number' } })) },
      },
      me,
    );
    // graphql-js reports 50 bad values, then gives up: that last error too is the client's.
    expect(many.body.errors?.map((e) => e.extensions?.['code'])).toEqual(Array(51).fill('BAD_USER_INPUT'));
    expect(many.body.errors?.at(-1)?.message).toBe('Too many invalid variable values');

    // A lone surrogate cannot be stored as text or JSON (requestPasswordReset queues the address).
    const surrogate = await call('mutation M($e: String!) { requestPasswordReset(email: $e) }', { e: '\ud800' });
    expect(surrogate.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    // A denormal price (exponent notation) made class-validator's decimal check throw.
    const denormal = await call(
      'mutation M($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { name: 'tiny', price: 3e-323 } },
      me,
    );
    expect(denormal.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'price', messages: ['must be a number with at most 2 decimals'] }],
    });
  });

  it('review findings: a cursor holding NUL, a filter 5,000 levels deep or 4,000 terms wide are BAD_USER_INPUT', async () => {
    const me = await freshSession();
    const PAGE = 'query Q($p: CursorPaging, $f: ProductFilter) { products(paging: $p, filter: $f) { totalCount } }';
    const cursor = Buffer.from(JSON.stringify(['\u0000', '00000000-0000-0000-0000-000000000000'])).toString(
      'base64url',
    );
    const nul = await call(PAGE, { p: { first: 2, after: cursor } }, me);
    expect(nul.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'paging.after', messages: ['is not a valid cursor'] }],
    });

    // Written out as text: JSON.stringify itself cannot nest this deep.
    const deep = `${'{"and":['.repeat(5000)}{"name":{"iLike":"%a%"}}${']}'.repeat(5000)}`;
    const raw = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(me) },
      body: `{"query":${JSON.stringify(PAGE)},"variables":{"f":${deep}}}`,
    });
    const tooDeep = (await raw.json()) as GraphQLResponse['body'];
    expect(raw.status).toBeLessThan(500);
    expect(tooDeep.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(tooDeep.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'f', messages: [expect.stringMatching(/deeper than \d+ levels/)] },
    ]);

    // (Short terms: 4,000 of them still fit in the body limit.)
    const wide = { or: Array.from({ length: 4000 }, (_, i) => ({ price: { gt: i } })) };
    const tooWide = await call(PAGE, { f: wide }, me);
    expect(tooWide.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'filter', messages: ['holds more than 100 comparisons'] }],
    });

    // Within the bounds a nested filter still runs.
    let fine: Record<string, unknown> = { name: { iLike: '%a%' } };
    for (let i = 0; i < 7; i++) fine = { or: [fine, { price: { gt: 1 } }] };
    expect((await call(PAGE, { f: fine }, me)).body.errors).toBeUndefined();
  });

  it('left tenant B’s rows as they were', async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const products = await pg.query('SELECT name, price, deleted_at FROM products WHERE tenant_id = $1', [
        b.tenant.id,
      ]);
      expect(products.rows).toEqual([{ name: B_SECRETS[0], price: '5.00', deleted_at: null }]);
      const tags = await pg.query('SELECT name FROM tags WHERE tenant_id = $1', [b.tenant.id]);
      expect(tags.rows).toEqual([{ name: B_SECRETS[1] }]);
      const members = await pg.query('SELECT user_id, role FROM memberships WHERE tenant_id = $1', [b.tenant.id]);
      expect(members.rows).toEqual([{ user_id: b.user.id, role: 'OWNER' }]);
    } finally {
      await pg.end();
    }
  });
});
