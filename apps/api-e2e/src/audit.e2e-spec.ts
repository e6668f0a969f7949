import { Client } from 'pg';
import {
  bearer,
  graphql,
  migratedDatabase,
  signUpMember,
  signUpOwner,
  startApi,
  testEnv,
  type GraphQLResponse,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

interface AuditRow {
  tenant_id: string | null;
  actor_user_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];
const LOGS = `query L($paging: CursorPaging) {
  auditLogs(paging: $paging) { totalCount edges { node { action actorUserId resourceType resourceId requestId details } } }
}`;

/**
 * The audit trail: each audited action leaves exactly one row, written in the
 * action's own transaction, with the request id, IP and user agent; OWNER and
 * ADMIN read their tenant's trail.
 */
describe('audit trail', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let pg: Client;
  let owner: TestSession;
  let member: TestSession;
  let stranger: TestSession;

  /** Runs a mutation as `who` with x-request-id `requestId` and a recognisable user agent; it must succeed. */
  async function act(who: TestSession, requestId: string, query: string, variables: Record<string, unknown>) {
    const res = await graphql(
      api.url,
      query,
      variables,
      bearer(who, { 'x-request-id': requestId, 'user-agent': 'audit-test/1' }),
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data as Record<string, { id?: string } | boolean>;
  }
  const rowsOf = async (requestId: string): Promise<AuditRow[]> =>
    (await pg.query<AuditRow>('SELECT * FROM audit_logs WHERE request_id = $1', [requestId])).rows;

  beforeAll(async () => {
    db = await migratedDatabase();
    api = await startApi(testEnv({ DATABASE_URL: db.url }));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    [owner, stranger] = await Promise.all([signUpOwner(api.url, 'Audited Inc'), signUpOwner(api.url, 'Other Inc')]);
    member = await signUpMember(api.url, db.url, owner);
  });
  afterAll(async () => {
    await pg.end();
    await api.stop('SIGKILL');
    await db.drop();
  });

  it('records a product deletion and a tag deletion, once each, with who, where from and which request', async () => {
    const product = (
      await act(owner, 'audit-p1', 'mutation { createProduct(input: { name: "Audited", price: 1 }) { id } }', {})
    ).createProduct as { id: string };
    await act(owner, 'audit-p2', 'mutation D($id: ID!) { deleteProduct(id: $id) { id } }', { id: product.id });
    const tag = (await act(owner, 'audit-t1', 'mutation { createTag(input: { name: "Audited" }) { id } }', {}))
      .createTag as {
      id: string;
    };
    await act(owner, 'audit-t2', 'mutation D($id: ID!) { deleteTag(id: $id) { id } }', { id: tag.id });

    expect(await rowsOf('audit-p1')).toEqual([]); // creating is not audited
    expect(await rowsOf('audit-p2')).toEqual([
      {
        id: expect.any(String),
        created_at: expect.any(Date),
        tenant_id: owner.tenant.id,
        actor_user_id: owner.user.id,
        action: 'product.deleted',
        resource_type: 'product',
        resource_id: product.id,
        request_id: 'audit-p2',
        ip: expect.stringMatching(/127\.0\.0\.1/),
        user_agent: 'audit-test/1',
        details: { name: 'Audited' },
      },
    ]);
    expect(await rowsOf('audit-t2')).toMatchObject([
      { action: 'tag.deleted', resource_id: tag.id, actor_user_id: owner.user.id, tenant_id: owner.tenant.id },
    ]);
  });

  it('records role changes and removals of members', async () => {
    const role = `mutation R($u: ID!) { updateMemberRole(input: { userId: $u, role: ADMIN }) { role } }`;
    await act(owner, 'audit-r1', role, { u: member.user.id });
    expect(await rowsOf('audit-r1')).toMatchObject([
      {
        action: 'member.role_changed',
        resource_type: 'user',
        resource_id: member.user.id,
        details: { from: 'MEMBER', to: 'ADMIN' },
      },
    ]);
    await act(owner, 'audit-r2', 'mutation M($u: ID!) { removeMember(userId: $u) }', { u: member.user.id });
    expect(await rowsOf('audit-r2')).toMatchObject([
      {
        action: 'member.removed',
        resource_id: member.user.id,
        actor_user_id: owner.user.id,
        details: { role: 'ADMIN' },
      },
    ]);
  });

  it('writes nothing when the action fails (same transaction)', async () => {
    const res = await graphql(
      api.url,
      'mutation D($id: ID!) { deleteProduct(id: $id) { id } }',
      { id: '00000000-0000-4000-8000-000000000000' },
      bearer(owner, { 'x-request-id': 'audit-fail' }),
    );
    expect(code(res)).toBe('NOT_FOUND');
    expect(await rowsOf('audit-fail')).toEqual([]);
  });

  it('lets OWNER and ADMIN read their tenant’s trail, newest first; nobody else', async () => {
    const res = await graphql<{
      auditLogs: { totalCount: number; edges: { node: { action: string; requestId: string } }[] };
    }>(api.url, LOGS, {}, bearer(owner));
    expect(res.body.errors).toBeUndefined();
    const trail = res.body.data?.auditLogs;
    expect(trail?.edges.map((e) => e.node.requestId)).toEqual(['audit-r2', 'audit-r1', 'audit-t2', 'audit-p2']);
    expect(trail?.totalCount).toBe(4);
    expect(JSON.parse((res.body.data?.auditLogs.edges[0]?.node as unknown as { details: string }).details)).toEqual({
      role: 'ADMIN',
    });
    // Another tenant's OWNER sees an empty trail; a MEMBER may not look.
    const theirs = await graphql<{ auditLogs: { totalCount: number } }>(api.url, LOGS, {}, bearer(stranger));
    expect(theirs.body.data?.auditLogs.totalCount).toBe(0);
    const plain = await signUpMember(api.url, db.url, owner);
    expect(code(await graphql(api.url, LOGS, {}, bearer(plain)))).toBe('FORBIDDEN');
  });
});
