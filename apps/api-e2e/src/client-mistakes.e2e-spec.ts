import {
  migratedDatabase,
  signUpOwner,
  startApi,
  testEnv,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

interface Answer {
  status: number;
  code: unknown;
  message: string;
}

/**
 * Ordinary client mistakes (GraphiQL makes some in normal use) answer 4xx
 * with the contract's code and a message that says what to do, never 500.
 */
describe('client mistakes are 4xx, not 500', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: TestSession;

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl }));
    owner = await signUpOwner(api.url, 'Mistakes Inc');
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await db.drop();
  });

  const post = async (body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.accessToken}`, ...headers },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    return {
      status: res.status,
      code: json.errors?.[0]?.extensions?.['code'],
      message: json.errors?.[0]?.message ?? '',
    };
  };
  const get = async (params: Record<string, string>): Promise<Answer> => {
    const res = await fetch(`${api.url}/graphql?${new URLSearchParams(params).toString()}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${owner.accessToken}` },
    });
    const json = (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    return {
      status: res.status,
      code: json.errors?.[0]?.extensions?.['code'],
      message: json.errors?.[0]?.message ?? '',
    };
  };
  const TWO = 'query A { apiVersion } mutation B { logout }';

  it('an operationName the document does not hold (GraphiQL after the text changed), also with an Idempotency-Key', async () => {
    for (const headers of [{}, { 'idempotency-key': 'stale-name-1' }] as Record<string, string>[]) {
      const answer = await post({ query: 'mutation Create { logout }', operationName: 'Old' }, headers);
      expect(answer).toEqual({
        status: 400,
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: 'Unknown operation named "Old": the document\'s operations are Create',
      });
    }
  });

  it('several operations and no operationName', async () => {
    expect(await post({ query: TWO })).toEqual({
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'The document has several operations (A, B): send operationName to pick one',
    });
    // Naming one runs it.
    expect((await post({ query: TWO, operationName: 'A' })).status).toBe(200);
  });

  it('an empty document, a document of fragments only, a missing query', async () => {
    const empty = await post({ query: '' });
    expect(empty.status).toBe(400);
    expect(empty.code).toEqual(expect.stringMatching(/^(GRAPHQL_PARSE_FAILED|BAD_USER_INPUT)$/));
    expect(empty.message).toMatch(/query/);
    expect(await post({ query: '   ' })).toMatchObject({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    expect(await post({ query: 'fragment F on Query { apiVersion }' })).toMatchObject({
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
    const missing = await post({ variables: {} });
    expect(missing.status).toBe(400);
    expect(missing.message).toMatch(/query/);
  });

  it('a subscription over POST or GET says to use graphql-ws', async () => {
    const doc = 'subscription { productChanged { id } }';
    for (const answer of [await post({ query: doc }), await get({ query: doc })]) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.code).toBe('BAD_USER_INPUT');
      expect(answer.message).toContain('use the graphql-ws protocol on /graphql');
    }
  });

  it('a mutation over GET says to POST it', async () => {
    const answer = await get({ query: 'mutation { logout }' });
    expect(answer).toMatchObject({ status: 405, code: 'BAD_USER_INPUT' });
    expect(answer.message).toMatch(/send it as a POST/);
  });
});
