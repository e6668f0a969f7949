import { Client as PgClient } from 'pg';
import {
  graphql,
  jsonLines,
  migratedDatabase,
  startApi,
  testEnv,
  type GraphQLResponse,
  type RunningApi,
  type TestDatabase,
} from '@app/testing';

const SIGN_UP = `mutation S($input: SignUpInput!) {
  signUp(input: $input) { accessToken user { id } tenant { id } }
}`;
const MEMBERS = `query M($paging: CursorPaging) {
  members(paging: $paging) {
    edges { cursor node { id role createdAt user { id email } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const MEMBERS_COUNTED = `query M($paging: CursorPaging) {
  members(paging: $paging) { totalCount edges { node { user { email } } } }
}`;

interface Owner {
  accessToken: string;
  user: { id: string };
  tenant: { id: string };
}
interface Edge {
  cursor: string;
  node: { id: string; role: string; createdAt: string; user: { id: string; email: string } };
}
interface Connection {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];
const fields = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['fields'];
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

describe('members: the tenant’s cursor connection', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let pg: PgClient;
  let a: Owner;
  let b: Owner;

  async function signUp(email: string, tenantName: string): Promise<Owner> {
    const res = await graphql<{ signUp: Owner }>(api.url, SIGN_UP, {
      input: { email, password: 'correct horse battery staple', name: 'Owner', tenantName },
    });
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { signUp: Owner }).signUp;
  }

  /** Factory: `count` users who joined `tenantId` in one statement (so they share created_at: the id breaks ties). */
  async function addMembers(tenantId: string, prefix: string, count: number, role = 'MEMBER'): Promise<void> {
    await pg.query(
      `WITH u AS (
         INSERT INTO users (email, name, password_hash)
         SELECT $2 || i || '@example.com', 'Member ' || i, 'not-a-hash' FROM generate_series(1, $3::int) AS i
         RETURNING id)
       INSERT INTO memberships (user_id, tenant_id, role) SELECT id, $1, $4 FROM u`,
      [tenantId, prefix, count, role],
    );
  }

  const members = async (owner: Owner, paging?: Record<string, unknown>, headers: Record<string, string> = {}) =>
    graphql<{ members: Connection }>(api.url, MEMBERS, paging ? { paging } : {}, {
      ...bearer(owner.accessToken),
      ...headers,
    });
  const page = async (owner: Owner, paging?: Record<string, unknown>): Promise<Connection> => {
    const res = await members(owner, paging);
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { members: Connection }).members;
  };

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl }));
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    a = await signUp('owner-a@example.com', 'Tenant A');
    b = await signUp('owner-b@example.com', 'Tenant B');
    await addMembers(a.tenant.id, 'a', 44);
    await addMembers(b.tenant.id, 'b', 3);
  });
  afterAll(async () => {
    await pg.end();
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('lists 20 members by default, oldest first, each with its user', async () => {
    const first = await page(a);
    expect(first.edges).toHaveLength(20);
    expect(first.edges[0]?.node).toMatchObject({
      role: 'OWNER',
      user: { id: a.user.id, email: 'owner-a@example.com' },
    });
    expect(first.edges.slice(1).every((e) => e.node.role === 'MEMBER' && /^a\d+@/.test(e.node.user.email))).toBe(true);
    expect(first.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: first.edges[0]?.cursor,
      endCursor: first.edges[19]?.cursor,
    });
  });

  it('walks every member exactly once forward, and the same members backward', async () => {
    const forward: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const p = await page(a, { first: 7, ...(after ? { after } : {}) });
      forward.push(...p.edges.map((e) => e.node.id));
      after = p.pageInfo.endCursor;
      if (!p.pageInfo.hasNextPage) break;
    }
    const ids = (
      await pg.query<{ id: string }>('SELECT id FROM memberships WHERE tenant_id = $1 ORDER BY created_at, id', [
        a.tenant.id,
      ])
    ).rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(40);
    expect(forward).toEqual(ids);

    const backward: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < 100; i++) {
      const p = await page(a, { last: 7, ...(before ? { before } : {}) });
      backward.unshift(...p.edges.map((e) => e.node.id));
      before = p.pageInfo.startCursor;
      if (!p.pageInfo.hasPreviousPage) break;
    }
    expect(backward).toEqual(ids);
  });

  it('keeps its place when members join between two pages', async () => {
    const p1 = await page(a, { first: 10 });
    await addMembers(a.tenant.id, 'late', 2);
    const p2 = await page(a, { first: 10, after: p1.pageInfo.endCursor });
    const seen = new Set(p1.edges.map((e) => e.node.id));
    expect(p2.edges.some((e) => seen.has(e.node.id))).toBe(false);
    // The newcomers come last, after everyone already listed.
    const last = await page(a, { last: 2 });
    expect(last.edges.map((e) => e.node.user.email.replace(/\d+/, 'N'))).toEqual([
      'lateN@example.com',
      'lateN@example.com',
    ]);
  });

  it('caps a page at 100', async () => {
    await addMembers(a.tenant.id, 'bulk', 70);
    const p = await page(a, { first: 500 });
    expect(p.edges).toHaveLength(100);
    expect(p.pageInfo.hasNextPage).toBe(true);
  });

  it('counts only when totalCount is selected', async () => {
    const total = Number(
      (await pg.query<{ n: string }>('SELECT count(*) AS n FROM memberships WHERE tenant_id = $1', [a.tenant.id]))
        .rows[0]?.n,
    );
    const counted = await graphql<{ members: { totalCount: number } }>(
      api.url,
      MEMBERS_COUNTED,
      { paging: { first: 1 } },
      { ...bearer(a.accessToken), 'x-request-id': 'members-counted' },
    );
    expect(counted.body.errors).toBeUndefined();
    expect(counted.body.data?.members.totalCount).toBe(total);
    await members(a, { first: 1 }, { 'x-request-id': 'members-uncounted' });
    // The API's log lines reach us a little after its answers: wait for both requests' last line.
    const finished = (id: string) =>
      jsonLines(api.lines).some((l) => l['requestId'] === id && /^request completed/.test(String(l['msg'])));
    for (let i = 0; i < 100 && !(finished('members-counted') && finished('members-uncounted')); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }

    const sqlOf = (id: string): string[] =>
      jsonLines(api.lines)
        .filter((l) => l['requestId'] === id && typeof l['sql'] === 'string')
        .map((l) => String(l['sql']));
    expect(sqlOf('members-counted').filter((s) => /COUNT\(/i.test(s))).toHaveLength(1);
    expect(sqlOf('members-uncounted').length).toBeGreaterThan(0);
    expect(sqlOf('members-uncounted').filter((s) => /COUNT\(/i.test(s))).toHaveLength(0);
  });

  it('shows each tenant only its own members, to any role', async () => {
    const own = await page(b, { first: 100 });
    expect(own.edges.map((e) => e.node.user.email).sort()).toEqual(
      ['b1@example.com', 'b2@example.com', 'b3@example.com', 'owner-b@example.com'].sort(),
    );
    // A cursor of tenant A used in tenant B reveals nothing of A.
    const foreign = await page(a, { first: 1 });
    const p = await page(b, { first: 100, after: foreign.pageInfo.endCursor });
    expect(p.edges.every((e) => !e.node.user.email.startsWith('a'))).toBe(true);
  });

  it('refuses bad paging with BAD_USER_INPUT and the field', async () => {
    const negative = await members(a, { first: -1 });
    expect(code(negative)).toBe('BAD_USER_INPUT');
    expect(fields(negative)).toEqual([{ field: 'paging.first', messages: ['must not be negative'] }]);

    const both = await members(a, { first: 5, last: 5 });
    expect(code(both)).toBe('BAD_USER_INPUT');
    expect(fields(both)).toEqual([{ field: 'paging', messages: ['use first/after or last/before, not both'] }]);

    const garbage = await members(a, { after: 'not a cursor!' });
    expect(fields(garbage)).toEqual([{ field: 'paging.after', messages: ['is not a valid cursor'] }]);

    // Well-formed but forged: values PostgreSQL cannot read are the client's error, never a 500.
    const forged = Buffer.from(JSON.stringify(['yesterday-ish', 'nope'])).toString('base64url');
    const res = await members(a, { before: forged });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(fields(res)).toEqual([{ field: 'paging.before', messages: ['is not a valid cursor'] }]);
  });

  it('is UNAUTHENTICATED without a token', async () => {
    expect(code(await graphql(api.url, MEMBERS))).toBe('UNAUTHENTICATED');
  });
});
