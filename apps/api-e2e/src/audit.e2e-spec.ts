import { createHash, randomBytes } from 'node:crypto';
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
    api = await startApi(testEnv({ DATABASE_URL: db.appUrl, REFRESH_REUSE_GRACE_SECONDS: '0' }));
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

  it('files a failed login under the tenant it named when the user is a member there, else under no tenant', async () => {
    // A user of two tenants: "Home" (their first) and Host's.
    const host = await signUpOwner(api.url, 'Host Inc');
    const two = await signUpMember(api.url, db.url, host);
    const LOGIN = 'mutation L($i: LoginInput!) { login(input: $i) { accessToken } }';
    const fail = (requestId: string, tenantId?: string) =>
      graphql(
        api.url,
        LOGIN,
        { i: { email: two.user.email, password: 'wrong password!', ...(tenantId ? { tenantId } : {}) } },
        { 'x-request-id': requestId },
      );
    expect(code(await fail('audit-fail-named', host.tenant.id))).toBe('UNAUTHENTICATED');
    expect(await rowsOf('audit-fail-named')).toMatchObject([
      { action: 'auth.login_failed', tenant_id: host.tenant.id, resource_id: two.user.id },
    ]);
    // Aimed at a tenant the user is not in: that tenant's admins must not see it, nor the user's own tenants.
    expect(code(await fail('audit-fail-elsewhere', owner.tenant.id))).toBe('UNAUTHENTICATED');
    expect(await rowsOf('audit-fail-elsewhere')).toMatchObject([
      { action: 'auth.login_failed', tenant_id: null, resource_id: two.user.id },
    ]);
    // No tenant named: the user's first tenant.
    expect(code(await fail('audit-fail-unnamed'))).toBe('UNAUTHENTICATED');
    const unnamed = await rowsOf('audit-fail-unnamed');
    expect(unnamed).toHaveLength(1);
    expect(unnamed.map((r) => r.tenant_id)).not.toContain(null);
    expect(unnamed.map((r) => r.tenant_id)).not.toContain(host.tenant.id);
    // The right password, but a tenant the user is not in.
    const notMember = await graphql(
      api.url,
      LOGIN,
      { i: { email: two.user.email, password: 'correct horse battery staple', tenantId: owner.tenant.id } },
      { 'x-request-id': 'audit-fail-not-member' },
    );
    expect(code(notMember)).toBe('UNAUTHENTICATED');
    expect(await rowsOf('audit-fail-not-member')).toMatchObject([
      { action: 'auth.login_failed', tenant_id: null, details: { reason: 'not-a-member' } },
    ]);
  });

  it('records sign-ups, logins (success and failure), a reused refresh token and a password reset', async () => {
    const email = `audited-${Date.now()}@example.com`;
    const password = 'correct horse battery staple';
    const signUp = await graphql<{ signUp: TestSession }>(
      api.url,
      'mutation S($i: SignUpInput!) { signUp(input: $i) { refreshToken user { id } tenant { id } } }',
      { i: { email, password, name: 'Audited', tenantName: 'Audited Two' } },
      { 'x-request-id': 'audit-signup' },
    );
    const user = signUp.body.data?.signUp as TestSession;
    expect(await rowsOf('audit-signup')).toMatchObject([
      { action: 'auth.signed_up', tenant_id: user.tenant.id, actor_user_id: user.user.id, resource_id: user.user.id },
    ]);

    const LOGIN = 'mutation L($i: LoginInput!) { login(input: $i) { refreshToken } }';
    const ok = await graphql<{ login: { refreshToken: string } }>(
      api.url,
      LOGIN,
      { i: { email, password } },
      {
        'x-request-id': 'audit-login-ok',
      },
    );
    expect(await rowsOf('audit-login-ok')).toMatchObject([
      {
        action: 'auth.login_succeeded',
        tenant_id: user.tenant.id,
        actor_user_id: user.user.id,
        resource_type: 'session',
      },
    ]);
    await graphql(api.url, LOGIN, { i: { email, password: 'wrong password!' } }, { 'x-request-id': 'audit-login-bad' });
    expect(await rowsOf('audit-login-bad')).toMatchObject([
      {
        action: 'auth.login_failed',
        tenant_id: user.tenant.id,
        actor_user_id: null,
        resource_id: user.user.id,
        details: { reason: 'bad-credentials', knownUser: true },
      },
    ]);
    await graphql(
      api.url,
      LOGIN,
      { i: { email: 'nobody@example.com', password } },
      { 'x-request-id': 'audit-login-unknown' },
    );
    expect(await rowsOf('audit-login-unknown')).toMatchObject([
      { action: 'auth.login_failed', tenant_id: null, resource_id: null, details: { knownUser: false } },
    ]);
    // The address itself is never written.
    expect(JSON.stringify(await rowsOf('audit-login-unknown'))).not.toContain('nobody@example.com');

    const REFRESH = 'mutation R($i: RefreshTokenInput!) { refreshToken(input: $i) { refreshToken } }';
    const first = ok.body.data?.login.refreshToken ?? '';
    await graphql(api.url, REFRESH, { i: { refreshToken: first } }, { 'x-request-id': 'audit-refresh-1' });
    expect(await rowsOf('audit-refresh-1')).toEqual([]);
    await graphql(api.url, REFRESH, { i: { refreshToken: first } }, { 'x-request-id': 'audit-refresh-2' });
    expect(await rowsOf('audit-refresh-2')).toMatchObject([
      { action: 'auth.token_family_revoked', tenant_id: user.tenant.id, actor_user_id: null, resource_type: 'session' },
    ]);

    // A reset token as the emailed link carries it (only its SHA-256 is stored).
    const token = randomBytes(32).toString('base64url');
    await pg.query(
      `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, 'PASSWORD_RESET', $2, now() + interval '1 hour')`,
      [user.user.id, createHash('sha256').update(token).digest('hex')],
    );
    const reset = await graphql(
      api.url,
      'mutation P($i: ResetPasswordInput!) { resetPassword(input: $i) }',
      { i: { token, newPassword: 'another horse battery staple' } },
      { 'x-request-id': 'audit-reset' },
    );
    expect(reset.body.errors).toBeUndefined();
    expect(await rowsOf('audit-reset')).toMatchObject([
      { action: 'auth.password_reset', tenant_id: null, actor_user_id: user.user.id, details: { sessionsRevoked: 1 } }, // the sign-up's session (the login's family died of the reuse)
    ]);
  });

  it('records every invitation transition', async () => {
    const INVITE = 'mutation I($i: InviteMemberInput!) { inviteMember(input: $i) { id } }';
    const withToken = async (invitationId: string): Promise<string> => {
      const token = randomBytes(32).toString('base64url');
      const hash = createHash('sha256').update(token).digest('hex');
      await pg.query('UPDATE invitations SET token_hash = $1 WHERE id = $2', [hash, invitationId]);
      return token;
    };
    const a = (await act(owner, 'audit-inv-1', INVITE, { i: { email: 'inv-a@example.com', role: 'MEMBER' } }))
      .inviteMember as { id: string };
    await act(owner, 'audit-inv-2', 'mutation R($id: ID!) { resendInvitation(id: $id) { id } }', { id: a.id });
    await act(owner, 'audit-inv-3', 'mutation R($id: ID!) { revokeInvitation(id: $id) { id } }', { id: a.id });
    const b = (await act(owner, 'audit-inv-4', INVITE, { i: { email: 'inv-b@example.com', role: 'MEMBER' } }))
      .inviteMember as { id: string };
    const declined = await graphql(
      api.url,
      'mutation D($i: DeclineInvitationInput!) { declineInvitation(input: $i) }',
      {
        i: { token: await withToken(b.id) },
      },
      { 'x-request-id': 'audit-inv-5' },
    );
    expect(declined.body.errors).toBeUndefined();
    const c = (await act(owner, 'audit-inv-6', INVITE, { i: { email: 'inv-c@example.com', role: 'ADMIN' } }))
      .inviteMember as { id: string };
    const accepted = await graphql<{ acceptInvitation: { user: { id: string } } }>(
      api.url,
      'mutation A($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { user { id } } }',
      { i: { token: await withToken(c.id), name: 'Cee', password: 'correct horse battery staple' } },
      { 'x-request-id': 'audit-inv-7' },
    );
    expect(accepted.body.errors).toBeUndefined();

    const expected: [string, string, string, string | null][] = [
      ['audit-inv-1', 'invitation.created', a.id, owner.user.id],
      ['audit-inv-2', 'invitation.resent', a.id, owner.user.id],
      ['audit-inv-3', 'invitation.revoked', a.id, owner.user.id],
      ['audit-inv-5', 'invitation.declined', b.id, null],
      ['audit-inv-7', 'invitation.accepted', c.id, accepted.body.data?.acceptInvitation.user.id ?? 'missing'],
    ];
    for (const [requestId, action, resourceId, actor] of expected) {
      expect(await rowsOf(requestId)).toMatchObject([
        {
          action,
          resource_type: 'invitation',
          resource_id: resourceId,
          actor_user_id: actor,
          tenant_id: owner.tenant.id,
        },
      ]);
    }
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
    const ids = trail?.edges.map((e) => e.node.requestId) ?? [];
    const ours = ['audit-r2', 'audit-r1', 'audit-t2', 'audit-p2'];
    expect(ids.filter((id) => ours.includes(id))).toEqual(ours);
    const count = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = $1', [
      owner.tenant.id,
    ]);
    expect(trail?.totalCount).toBe(count.rows[0]?.n);
    const removal = trail?.edges.find((e) => e.node.requestId === 'audit-r2')?.node as unknown as { details: string };
    expect(JSON.parse(removal.details)).toEqual({ role: 'ADMIN' });
    // Another tenant's OWNER sees only their own sign-up; a MEMBER may not look.
    const theirs = await graphql<{ auditLogs: { edges: { node: { action: string; actorUserId: string } }[] } }>(
      api.url,
      LOGS,
      {},
      bearer(stranger),
    );
    expect(theirs.body.data?.auditLogs.edges.map((e) => e.node)).toMatchObject([
      { action: 'auth.signed_up', actorUserId: stranger.user.id },
    ]);
    const plain = await signUpMember(api.url, db.url, owner);
    expect(code(await graphql(api.url, LOGS, {}, bearer(plain)))).toBe('FORBIDDEN');
  });
});
