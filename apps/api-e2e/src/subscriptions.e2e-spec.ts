import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  graphql,
  migratedDatabase,
  signUpOwner,
  startApi,
  testEnv,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

const CHANGED = 'subscription { productChanged { id name price owner { email } tags { name } } }';
const CREATE = 'mutation C($i: CreateProductInput!) { createProduct(input: $i) { id } }';

type Session = TestSession;
interface Changed {
  id: string;
  name: string;
  price: number;
  owner: { email: string };
  tags: { name: string }[];
}

/** productChanged over graphql-ws, through Redis pub/sub, across two API instances and two tenants. */
describe('subscription productChanged', () => {
  let db: TestDatabase;
  let one: RunningApi;
  let two: RunningApi;
  let clients: Client[] = [];

  const signUp = (api: RunningApi, tenantName: string): Promise<Session> => signUpOwner(api.url, tenantName);

  /** Subscribes on `api` as `token`; collects events and errors. */
  function subscribe(api: RunningApi, token: string | undefined) {
    const client = createClient({
      url: `${api.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: false,
      // The refusals are asserted through the subscription's error callback.
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    const events: Changed[] = [];
    const errors: unknown[] = [];
    let connected = false;
    client.on('connected', () => {
      connected = true;
    });
    client.subscribe<{ productChanged: Changed }>(
      { query: CHANGED },
      {
        next: (value) => {
          if (value.data) events.push(value.data.productChanged);
          if (value.errors) errors.push(value.errors);
        },
        error: (err) => errors.push(err),
        complete: () => undefined,
      },
    );
    return { events, errors, isConnected: () => connected };
  }
  const until = async (check: () => boolean, ms = 5000): Promise<void> => {
    for (let waited = 0; !check() && waited < ms; waited += 50) await new Promise((r) => setTimeout(r, 50));
  };

  beforeAll(async () => {
    db = await migratedDatabase();
    const env = testEnv({ DATABASE_URL: db.appUrl, AUTH_RATE_LIMIT_PER_IP: '1000' });
    [one, two] = await Promise.all([startApi(env), startApi(env)]);
  });
  afterEach(() => {
    for (const c of clients) void c.dispose();
    clients = [];
  });
  afterAll(async () => {
    await Promise.all([one.stop('SIGKILL'), two.stop('SIGKILL')]);
    await db.drop();
  });

  it('delivers a change made through one instance to the tenant’s subscribers on both, and to no other tenant', async () => {
    const [a, b] = [await signUp(one, 'Sub A'), await signUp(two, 'Sub B')];
    const aOnOne = subscribe(one, a.accessToken);
    const aOnTwo = subscribe(two, a.accessToken);
    const bOnOne = subscribe(one, b.accessToken);
    await until(() => aOnOne.isConnected() && aOnTwo.isConnected() && bOnOne.isConnected());
    await new Promise((r) => setTimeout(r, 300)); // the subscribe messages reach the servers

    const created = await graphql<{ createProduct: { id: string } }>(
      two.url,
      CREATE,
      { i: { name: 'Live lamp', price: 12.5 } },
      { authorization: `Bearer ${a.accessToken}` },
    );
    const id = created.body.data?.createProduct.id;
    await until(() => aOnOne.events.length > 0 && aOnTwo.events.length > 0);
    const expected = { id, name: 'Live lamp', price: 12.5, owner: { email: a.user.email }, tags: [] };
    expect(aOnOne.events).toEqual([expected]);
    expect(aOnTwo.events).toEqual([expected]);

    await graphql(
      one.url,
      'mutation U($i: UpdateProductInput!) { updateProduct(input: $i) { id } }',
      { i: { id, name: 'Live lamp 2' } },
      { authorization: `Bearer ${a.accessToken}` },
    );
    await until(() => aOnOne.events.length > 1);
    expect(aOnOne.events[1]).toMatchObject({ id, name: 'Live lamp 2' });
    await new Promise((r) => setTimeout(r, 300));
    expect(bOnOne.events).toEqual([]);
    expect([...aOnOne.errors, ...aOnTwo.errors, ...bOnOne.errors]).toEqual([]);
  });

  it('refuses a connection without a valid access token at connection_init', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const refused = subscribe(one, token);
      await until(() => refused.errors.length > 0);
      expect(refused.events).toEqual([]);
      expect((refused.errors[0] as { code?: number }).code).toBe(4403);
    }
  });
});
