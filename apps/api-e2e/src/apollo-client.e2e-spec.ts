import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql, type ApolloClient } from '@apollo/client';
import { filter, firstValueFrom, timeout } from 'rxjs';
import {
  REPO_ROOT,
  TEST_PASSWORD,
  bearer,
  graphql,
  migratedDatabase,
  signUpOwner,
  startApi,
  testEnv,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';
import { createApolloClient, errorCode, typed, type TokenStore } from './clients/apollo-recipe';

const PRODUCTS = gql`
  query Products($paging: CursorPaging) {
    products(paging: $paging) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          price
        }
      }
    }
  }
`;
interface ProductsData {
  products: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
    edges: { cursor: string; node: { id: string; name: string; price: number } }[];
  };
}

/**
 * docs/clients/apollo.md, driven for real: Apollo Client 4 with the recipe's
 * links and type policies against the built API (HTTP and graphql-ws).
 */
describe('Apollo Client (docs/clients/apollo.md)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: TestSession;
  let client: ApolloClient;
  const tokens: TokenStore = { accessToken: null, refreshToken: null };

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl }));
    owner = await signUpOwner(api.url, 'Apollo Inc');
    // 12 products, made before the client looks.
    for (let i = 1; i <= 12; i++) {
      const res = await graphql(
        api.url,
        'mutation C($i: CreateProductInput!) { createProduct(input: $i) { id } }',
        { i: { name: `Product ${String(i).padStart(2, '0')}`, price: i } },
        bearer(owner),
      );
      expect(res.body.errors).toBeUndefined();
    }
    client = createApolloClient(api.url, tokens);
  });
  afterAll(async () => {
    await client.clearStore();
    client.stop();
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('every code snippet of the doc is the code tested here', () => {
    const recipe = readFileSync(join(__dirname, 'clients/apollo-recipe.ts'), 'utf8');
    const doc = readFileSync(join(REPO_ROOT, 'docs/clients/apollo.md'), 'utf8');
    const snippets = [...recipe.matchAll(/\/\/ ---8<--- (\S+)\n([\s\S]*?)\/\/ ---8<---\n/g)];
    expect(snippets.map((m) => m[1])).toEqual(['paging-policy', 'links', 'errors']);
    for (const [, , code] of snippets) expect(doc).toContain(code);
  });

  it('signs in through the client and keeps the tokens', async () => {
    const { data } = await client.mutate({
      mutation: typed<{ login: { accessToken: string; refreshToken: string } }>(gql`
        mutation Login($i: LoginInput!) {
          login(input: $i) {
            accessToken
            refreshToken
          }
        }
      `),
      variables: { i: { email: owner.user.email, password: TEST_PASSWORD } },
    });
    tokens.accessToken = data?.login.accessToken ?? null;
    tokens.refreshToken = data?.login.refreshToken ?? null;
    expect(tokens.accessToken).toEqual(expect.any(String));
  });

  /**
   * A watched query as a component holds one (the default cache-first policy:
   * a network-only watch refetches its first page after each fetchMore, which
   * resets the list), on a list not cached yet.
   */
  async function watched(variables: Record<string, unknown>) {
    client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'products' });
    const watch = client.watchQuery<ProductsData>({ query: PRODUCTS, variables });
    const subscription = watch.subscribe(() => undefined);
    await firstValueFrom(watch.pipe(filter((r) => r.dataState === 'complete')));
    const read = (): ProductsData['products'] => {
      const data = client.readQuery<ProductsData>({ query: PRODUCTS, variables });
      if (!data) throw new Error('not in the cache');
      return data.products;
    };
    return {
      watch,
      read,
      stop: () => {
        subscription.unsubscribe();
      },
    };
  }

  it('three pages through fetchMore forward keep all rows in the cache, in order', async () => {
    const { watch, read, stop } = await watched({ paging: { first: 4 } });
    try {
      expect(read().edges).toHaveLength(4);
      for (let page = 2; page <= 3; page++) {
        await watch.fetchMore({ variables: { paging: { first: 4, after: read().pageInfo.endCursor } } });
      }
      const all = read();
      expect(all.edges).toHaveLength(12);
      expect(new Set(all.edges.map((e) => e.node.id)).size).toBe(12);
      expect(all.pageInfo.hasNextPage).toBe(false);
      expect(all.totalCount).toBe(12);
      // The watching component is told of the whole list too.
      const seen = await firstValueFrom(
        watch.pipe(
          filter((r) => (r.data?.products?.edges?.length ?? 0) >= 12),
          timeout(5000),
        ),
      );
      expect(seen.data?.products?.edges).toHaveLength(12);
    } finally {
      stop();
    }
  });

  it('and backward from the end: pages with `before` are prepended', async () => {
    const { watch, read, stop } = await watched({ paging: { last: 5 } });
    try {
      const last = read().edges.map((e) => e.node.id);
      await watch.fetchMore({ variables: { paging: { last: 5, before: read().pageInfo.startCursor } } });
      const both = read().edges.map((e) => e.node.id);
      expect(both).toHaveLength(10);
      expect(new Set(both).size).toBe(10);
      expect(both.slice(5)).toEqual(last);
    } finally {
      stop();
    }
  });

  it('a created product lands in the normalized cache', async () => {
    const { data } = await client.mutate({
      mutation: typed<{ createProduct: { id: string; name: string; price: number } }>(gql`
        mutation Create($i: CreateProductInput!) {
          createProduct(input: $i) {
            id
            name
            price
          }
        }
      `),
      variables: { i: { name: 'Cached', price: 42 } },
    });
    const id = data?.createProduct.id ?? '';
    expect(client.cache.identify({ __typename: 'Product', id })).toBe(`Product:${id}`);
    const fragment = client.readFragment<{ name: string; price: number }>({
      id: `Product:${id}`,
      fragment: gql`
        fragment P on Product {
          name
          price
        }
      `,
    });
    expect(fragment).toEqual({ __typename: 'Product', name: 'Cached', price: 42 });
  });

  it('a subscription event arrives over GraphQLWsLink', async () => {
    const events: string[] = [];
    const subscription = client
      .subscribe<{ productChanged: { name: string } }>({
        query: gql`
          subscription Watch {
            productChanged {
              name
            }
          }
        `,
      })
      .subscribe({
        next: (result) => {
          if (result.data) events.push(result.data.productChanged.name);
        },
      });
    try {
      // Until the subscription is live, a change may go unseen: create until one arrives.
      for (let i = 0; i < 20 && events.length === 0; i++) {
        await graphql(
          api.url,
          'mutation C($i: CreateProductInput!) { createProduct(input: $i) { id } }',
          { i: { name: 'Live', price: 1 } },
          bearer(owner),
        );
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(events[0]).toBe('Live');
    } finally {
      subscription.unsubscribe();
    }
  });

  it('reads NOT_FOUND from extensions.code', async () => {
    const query = gql`
      query One($id: ID!) {
        product(id: $id) {
          id
        }
      }
    `;
    const failure = await client
      .query({ query, variables: { id: '00000000-0000-4000-8000-000000000000' }, fetchPolicy: 'network-only' })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(errorCode(failure)).toBe('NOT_FOUND');
  });

  it('refreshes an expired access token once and retries the operation', async () => {
    const refreshBefore = tokens.refreshToken;
    tokens.accessToken = 'expired-or-garbage';
    const { data } = await client.query({
      query: typed<{ me: { role: string } }>(gql`
        query Me {
          me {
            role
          }
        }
      `),
      fetchPolicy: 'network-only',
    });
    expect(data?.me.role).toBe('OWNER');
    expect(tokens.refreshToken).not.toBe(refreshBefore);
    expect(tokens.accessToken).not.toBe('expired-or-garbage');
  });
});
