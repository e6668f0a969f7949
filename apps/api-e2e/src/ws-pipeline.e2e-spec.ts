import WebSocket from 'ws';
import {
  graphql,
  migratedDatabase,
  productionEnv,
  signUpOwner,
  startApi,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

interface Frame {
  type: string;
  id?: string;
  payload?: unknown;
}
interface FormattedError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** A graphql-transport-ws socket driven frame by frame: what a hostile client can send. */
class RawSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly ws: WebSocket;
  private readonly opened: Promise<void>;

  constructor(url: string) {
    this.ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        resolve();
      });
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
      });
    });
    this.ws.on('message', (data: Buffer) => this.frames.push(JSON.parse(data.toString()) as Frame));
    this.ws.on('error', () => undefined);
  }

  async send(frame: unknown): Promise<void> {
    await this.opened;
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** connection_init with `token`; resolves once acknowledged. */
  async init(token: string): Promise<void> {
    await this.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    await this.next((f) => f.type === 'connection_ack');
  }

  /** Subscribes and returns the first answer to that id (next, error or complete). */
  async subscribe(id: string, query: string, variables?: Record<string, unknown>): Promise<Frame> {
    await this.send({ id, type: 'subscribe', payload: { query, variables } });
    return this.next((f) => f.id === id);
  }

  /** The errors of an answer: an `error` frame's payload, or a `next` frame's `errors`. */
  static errors(frame: Frame): FormattedError[] {
    if (frame.type === 'error') return frame.payload as FormattedError[];
    return (frame.payload as { errors?: FormattedError[] } | undefined)?.errors ?? [];
  }

  async next(match: (frame: Frame) => boolean, ms = 5000): Promise<Frame> {
    for (let waited = 0; waited < ms; waited += 20) {
      const found = this.frames.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(this.frames)}`);
  }

  close(): void {
    this.ws.terminate();
  }
}

const PRODUCTS = 'query P { products(paging: { first: 100 }) { edges { node { id name } } } }';

/**
 * Over graphql-ws the same pipeline holds as over HTTP, in production mode:
 * each test is one of the bypasses the engine issue found against the socket.
 */
describe('graphql-ws goes through the HTTP pipeline', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let owner: TestSession;
  let sockets: RawSocket[] = [];

  const open = (target: RunningApi = api): RawSocket => {
    const socket = new RawSocket(target.url);
    sockets.push(socket);
    return socket;
  };
  /** The first error of a subscribe answer on a fresh authenticated socket. */
  const refusal = async (query: string, variables?: Record<string, unknown>): Promise<FormattedError | undefined> => {
    const socket = open();
    await socket.init(owner.accessToken);
    return RawSocket.errors(await socket.subscribe('1', query, variables)).at(0);
  };

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(
      productionEnv({ DATABASE_URL: db.appUrl, WS_MAX_SOCKETS_PER_USER: '3', WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '2' }),
    );
    owner = await signUpOwner(api.url, 'Socket Inc');
  });
  afterEach(() => {
    for (const s of sockets) s.close();
    sockets = [];
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('refuses 200 aliased pages, and 16 aliases (alias limit), as HTTP does', async () => {
    const aliases = (n: number): string =>
      Array.from({ length: n }, (_, i) => `a${i}: products(paging: { first: 100 }) { totalCount }`).join(' ');
    expect((await refusal(`query { ${aliases(200)} }`))?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const sixteen = await refusal(`query { ${aliases(16)} }`);
    expect(sixteen?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(sixteen?.message).toMatch(/Aliases limit of 15 exceeded/);
  });

  it('refuses a 1,400-token document (token limit)', async () => {
    const fields = Array.from({ length: 1400 }, () => 'id').join(' ');
    const error = await refusal(`subscription { productChanged { ${fields} } }`);
    expect(error).toMatchObject({
      message: 'Token limit of 1000 exceeded',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses __schema and __type introspection', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Product") { name } }']) {
      const error = await refusal(query);
      expect(error?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error?.message).toMatch(/introspection is not allowed/i);
    }
  });

  it('shows no "Did you mean" hints', async () => {
    const error = await refusal('subscription { productChange { id } }');
    expect(error?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).toContain('productChange');
    expect(error?.message).not.toMatch(/Did you mean/);
  });

  it('refuses the list-aware cost HTTP refuses', async () => {
    // 1 + 100 rows x (edges 1 + node 1 + 3 x (tags 1 + 10 x 2 fields)): 6,501.
    const tags = ['t1', 't2', 't3'].map((t) => `${t}: tags { id name }`).join(' ');
    const over = `query { products(paging: { first: 100 }) { edges { node { ${tags} } } } }`;
    const error = await refusal(over);
    // HTTP's answer to the same document, for comparison: the same refusal.
    const http = await graphql(api.url, over, undefined, { authorization: `Bearer ${owner.accessToken}` });
    expect(error?.message).toMatch(/^Query cost \d+ exceeds the maximum cost of 5000$/);
    expect(error?.message).toBe(http.body.errors?.[0]?.message);
  });

  it('refuses NUL characters (the input guard)', async () => {
    const error = await refusal('query Q($n: String!) { products(filter: { name: { eq: $n } }) { totalCount } }', {
      n: 'a\u0000b',
    });
    expect(error).toMatchObject({
      message: 'Invalid input',
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'n', messages: [expect.stringMatching(/NUL/)] }] },
    });
  });

  it('runs no query or mutation: they are served over HTTP, where the request context and idempotency apply', async () => {
    const query = await refusal(PRODUCTS);
    expect(query?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(query?.message).toMatch(/not served over the WebSocket: send them as a POST to \/graphql/);

    const mutation = await refusal('mutation { createProduct(input: { name: "Socket lamp", price: 1 }) { id } }');
    expect(mutation?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const listed = await graphql<{ products: { totalCount: number } }>(
      api.url,
      '{ products(filter: { name: { eq: "Socket lamp" } }) { totalCount } }',
      undefined,
      { authorization: `Bearer ${owner.accessToken}` },
    );
    expect(listed.body.data?.products.totalCount).toBe(0);
  });

  it('closes with 1009 on a frame over 64 KiB, before any connection_init: a 20 MB frame is not read', async () => {
    const socket = open();
    await socket.send('x'.repeat(20 * 1024 * 1024));
    expect((await socket.closed).code).toBe(1009);
    const small = open();
    await small.send({ type: 'connection_init', payload: { padding: 'x'.repeat(65 * 1024) } });
    expect((await small.closed).code).toBe(1009);
  });

  it('closes with 4408 when connection_init does not come within 3 s', async () => {
    const socket = open();
    const started = Date.now();
    await socket.send({ type: 'ping' });
    const { code } = await socket.closed;
    expect(code).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
  });

  it('closes with 4403 on a missing, malformed or bad token', async () => {
    for (const payload of [{}, { authorization: 'Token abc' }, { authorization: 'Bearer not.a.jwt' }]) {
      const socket = open();
      await socket.send({ type: 'connection_init', payload });
      expect((await socket.closed).code).toBe(4403);
    }
  });

  it('caps subscriptions per socket (WS_MAX_SUBSCRIPTIONS_PER_SOCKET)', async () => {
    const socket = open();
    await socket.init(owner.accessToken);
    await socket.send({ id: 'a', type: 'subscribe', payload: { query: 'subscription { productChanged { id } }' } });
    await socket.send({ id: 'b', type: 'subscribe', payload: { query: 'subscription { productChanged { id } }' } });
    const third = await socket.subscribe('c', 'subscription { productChanged { id } }');
    expect(RawSocket.errors(third)[0]).toMatchObject({
      message: expect.stringMatching(/Too many subscriptions on this socket \(limit 2\)/),
      extensions: { code: 'TOO_MANY_REQUESTS' },
    });
    // The first two still live: no answer was sent to them.
    expect(socket.frames.filter((f) => f.id === 'a' || f.id === 'b')).toEqual([]);
  });

  it('caps open sockets per user (WS_MAX_SOCKETS_PER_USER): the next one closes with 1008, a freed slot is reused', async () => {
    const first = open();
    await first.init(owner.accessToken);
    for (let i = 0; i < 2; i++) await open().init(owner.accessToken);
    const over = open();
    await over.send({ type: 'connection_init', payload: { authorization: `Bearer ${owner.accessToken}` } });
    const closed = await over.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/Too many open sockets for this user \(limit 3\)/);

    first.close();
    await first.closed;
    await new Promise((r) => setTimeout(r, 200));
    await open().init(owner.accessToken);
  });
});

describe('graphql-ws counts against the request rate limit', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(productionEnv({ DATABASE_URL: db.appUrl, RATE_LIMIT_PER_MINUTE: '3' }));
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('answers TOO_MANY_REQUESTS with retryAfter once the caller’s minute is used up', async () => {
    const owner = await signUpOwner(api.url, 'Limited Inc');
    const socket = new RawSocket(api.url);
    try {
      // connection_init is the first request of this user's minute, each subscribe one more.
      await socket.init(owner.accessToken);
      await socket.send({ id: 'a', type: 'subscribe', payload: { query: 'subscription { productChanged { id } }' } });
      await socket.send({ id: 'b', type: 'subscribe', payload: { query: 'subscription { productChanged { id } }' } });
      const third = await socket.subscribe('c', 'subscription { productChanged { id } }');
      const error = RawSocket.errors(third).at(0);
      expect(error?.extensions?.['code']).toBe('TOO_MANY_REQUESTS');
      expect(error?.extensions?.['retryAfter']).toEqual(expect.any(Number));
    } finally {
      socket.close();
    }
  });
});
