import { Client } from 'pg';
import {
  bearer,
  graphql,
  migratedDatabase,
  productionEnv,
  signUpOwner,
  startApi,
  testEnv,
  type GraphQLResponse,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];
const message = (res: GraphQLResponse): string => res.body.errors?.[0]?.message ?? '';
const times = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join(' ');

/** Expect the document to be refused as GRAPHQL_VALIDATION_FAILED (HTTP 400) with `text` in the message. */
function refused(res: GraphQLResponse, text: string): void {
  expect(res.status).toBe(400);
  expect(code(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(message(res)).toContain(text);
  expect(res.body.data ?? null).toBeNull();
}
function accepted(res: GraphQLResponse): void {
  expect(res.body.errors).toBeUndefined();
  expect(res.status).toBe(200);
}

/**
 * The GraphQL abuse limits at their defaults (depth 6, aliases 15, directives
 * 50, tokens 1,000, cost 5,000, body 100 KiB): each one refuses a document just
 * over it and accepts one just under, before any resolver runs.
 */
describe('GraphQL limits', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: TestSession;

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl }));
    owner = await signUpOwner(api.url, 'Limits Inc');
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('depth: 6 levels pass, 7 are refused', async () => {
    // __type(1) fields(2) type(3) ofType(4) ofType(5) name(6)
    const nested = (levels: number): string =>
      `{ __type(name: "Product") { fields { type { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } } }`;
    accepted(await graphql(api.url, nested(2)));
    refused(await graphql(api.url, nested(3)), 'Query depth limit of 6 exceeded, found 7');
  });

  it('aliases: 15 pass, 16 are refused', async () => {
    accepted(await graphql(api.url, `{ ${times(15, (i) => `a${i}: apiVersion`)} }`));
    refused(await graphql(api.url, `{ ${times(16, (i) => `a${i}: apiVersion`)} }`), 'Aliases limit of 15 exceeded');
  });

  it('directives: 50 pass, 51 are refused', async () => {
    accepted(await graphql(api.url, `{ ${times(50, () => '__typename @include(if: true)')} }`));
    refused(
      await graphql(api.url, `{ ${times(51, () => '__typename @include(if: true)')} }`),
      'Directives limit of 50 exceeded',
    );
  });

  it('tokens: 1,000 pass, 1,001 are refused', async () => {
    // 20 tokens around the list: { products ( filter : { name : { in : [ … ] } } ) { totalCount } }
    const withNames = (n: number): string =>
      `{ products(filter: { name: { in: [${times(n, (i) => `"n${i}"`)}] } }) { totalCount } }`;
    accepted(await graphql(api.url, withNames(980), {}, bearer(owner)));
    refused(await graphql(api.url, withNames(981), {}, bearer(owner)), 'Token limit of 1000 exceeded');
  });

  it('cost counts the rows a list may return: 4 pages of 96 pass (4,996), of 97 are refused (5,048)', async () => {
    // Per page: 1 + first x (edges 1 + node 1 + tags (1 + 10 assumed tags x name 1)) = 1 + 13 x first.
    const pages = `query Q($n: Int!) { ${times(4, (i) => `p${i}: products(paging: { first: $n }) { edges { node { tags { name } } } }`)} }`;
    accepted(await graphql(api.url, pages, { n: 96 }, bearer(owner)));
    refused(
      await graphql(api.url, pages, { n: 97 }, bearer(owner)),
      'Query cost 5048 exceeds the maximum cost of 5000',
    );
    // The default page size (20) is what an absent `first` costs.
    accepted(
      await graphql(
        api.url,
        `{ ${times(15, (i) => `p${i}: products { edges { node { tags { name } } } }`)} }`,
        {},
        bearer(owner),
      ),
    );
  });

  it('refuses a 500-alias mutation before any resolver runs: nothing is written', async () => {
    const res = await graphql(
      api.url,
      `mutation { ${times(500, (i) => `t${i}: createTag(input: { name: "tag ${i}" }) { id }`)} }`,
      {},
      bearer(owner),
    );
    expect(res.status).toBe(400);
    expect(code(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      expect((await pg.query('SELECT count(*)::int AS n FROM tags')).rows).toEqual([{ n: 0 }]);
    } finally {
      await pg.end();
    }
  });

  it('refuses a body over 100 KiB with 413, and a body that is not JSON with 400, in the GraphQL error shape', async () => {
    const big = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ apiVersion }', variables: { pad: 'x'.repeat(102_400) } }),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('x-request-id')).toBeTruthy();
    expect(await big.json()).toEqual({
      errors: [
        { message: 'Request body is larger than 102400 bytes', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ],
    });
    const bad = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
    // Just under the limit is fine.
    const fits = await graphql(api.url, '{ apiVersion }', { pad: 'x'.repeat(100_000) });
    expect(fits.body.data).toEqual({ apiVersion: expect.any(String) });
  });

  it('says what happened when graphql-js gives up on too many fields to compare', async () => {
    const res = await graphql(api.url, `{ ${times(800, () => 'apiVersion')} }`);
    refused(res, 'too many fields');
  });
});

describe('GraphQL limits in production, configured by env', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(productionEnv({ DATABASE_URL: db.appUrl, GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_ALIASES: '2' }));
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('applies the configured limits', async () => {
    // products(1) edges(2) node(3) id(4)
    refused(await graphql(api.url, '{ products { edges { node { id } } } }'), 'Query depth limit of 3 exceeded');
    refused(await graphql(api.url, '{ a: apiVersion b: apiVersion c: apiVersion }'), 'Aliases limit of 2 exceeded');
    accepted(await graphql(api.url, '{ a: apiVersion b: apiVersion }'));
  });

  it('hides field suggestions', async () => {
    const res = await graphql(api.url, '{ prodcts { totalCount } }');
    expect(code(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(message(res)).not.toMatch(/Did you mean|"products"/);
  });
});
