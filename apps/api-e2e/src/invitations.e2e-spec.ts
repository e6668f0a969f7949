import { Queue } from 'bullmq';
import { Client as PgClient } from 'pg';
import { MAINTENANCE_QUEUE } from '@app/queue';
import {
  graphql,
  jsonLines,
  migratedDatabase,
  redisUrl,
  startApi,
  startSmtpCatcher,
  startWorker,
  testEnv,
  type CapturedMail,
  type GraphQLResponse,
  type RunningApi,
  type RunningProcess,
  type SmtpCatcher,
  type TestDatabase,
} from '@app/testing';

const PASSWORD = 'correct horse battery staple';
const PAYLOAD = 'accessToken refreshToken role user { id email name emailVerified } tenant { id name }';
const SIGN_UP = `mutation S($i: SignUpInput!) { signUp(input: $i) { ${PAYLOAD} } }`;
const LOGIN = `mutation L($i: LoginInput!) { login(input: $i) { ${PAYLOAD} } }`;
const INVITATION = 'id email role status expiresAt createdAt invitedBy { id email }';
const INVITE = `mutation I($i: InviteMemberInput!) { inviteMember(input: $i) { ${INVITATION} } }`;
const RESEND = `mutation R($id: ID!) { resendInvitation(id: $id) { ${INVITATION} } }`;
const REVOKE = `mutation R($id: ID!) { revokeInvitation(id: $id) { ${INVITATION} } }`;
const ACCEPT = `mutation A($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { ${PAYLOAD} } }`;
const DECLINE = 'mutation D($i: DeclineInvitationInput!) { declineInvitation(input: $i) }';
const LIST = `query L($filter: InvitationFilter, $paging: CursorPaging, $sorting: [InvitationSort!]) {
  invitations(filter: $filter, paging: $paging, sorting: $sorting) {
    totalCount edges { cursor node { ${INVITATION} } } pageInfo { hasNextPage endCursor }
  }
}`;

interface Payload {
  accessToken: string;
  refreshToken: string;
  role: string;
  user: { id: string; email: string; name: string; emailVerified: boolean };
  tenant: { id: string; name: string };
}
interface Invitation {
  id: string;
  email: string;
  role: string;
  status: string;
  expiresAt: string;
  invitedBy: { id: string; email: string };
}

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

describe('invitations: a state machine whose emails go through the outbox', () => {
  let db: TestDatabase;
  let smtp: SmtpCatcher;
  let api: RunningApi;
  let worker: RunningProcess;
  let pg: PgClient;
  let env: Record<string, string>;
  let owner: Payload;
  let n = 0;
  const email = (): string => `invitee${++n}.${Date.now()}@example.com`;

  async function signUp(address = email(), tenantName = 'Inviting Inc'): Promise<Payload> {
    const res = await graphql<{ signUp: Payload }>(api.url, SIGN_UP, {
      i: { email: address, password: PASSWORD, name: 'Owner', tenantName },
    });
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { signUp: Payload }).signUp;
  }
  async function invite(by: Payload, address: string, role = 'MEMBER', requestId?: string): Promise<Invitation> {
    const res = await graphql<{ inviteMember: Invitation }>(
      api.url,
      INVITE,
      { i: { email: address, role } },
      { ...bearer(by.accessToken), ...(requestId ? { 'x-request-id': requestId } : {}) },
    );
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { inviteMember: Invitation }).inviteMember;
  }
  const invitationMails = (address: string): CapturedMail[] =>
    smtp.mails.filter((m) => m.to.includes(address) && /invited you/.test(m.subject));
  /** The token of the `nth` invitation email to `address` (1-based), once it arrived. */
  async function tokenFor(address: string, nth = 1): Promise<string> {
    await smtp.waitFor(() => invitationMails(address).length >= nth);
    const mail = invitationMails(address)[nth - 1];
    const m = /https:\/\/app\.example\.com\/accept-invitation\?token=([A-Za-z0-9_-]{43})/.exec(mail.text);
    if (!m?.[1]) throw new Error(`no invitation link in: ${mail.text}`);
    return m[1];
  }
  const accept = (token: string, extra: Record<string, string> = {}) =>
    graphql<{ acceptInvitation: Payload }>(api.url, ACCEPT, { i: { token, ...extra } });
  const decline = (token: string) => graphql(api.url, DECLINE, { i: { token } });

  beforeAll(async () => {
    [db, smtp] = await Promise.all([migratedDatabase(), startSmtpCatcher()]);
    env = testEnv({
      DATABASE_URL: db.appUrl,
      SMTP_URL: smtp.url,
      APP_URL: 'https://app.example.com',
      OUTBOX_POLL_MS: '100',
      AUTH_RATE_LIMIT_PER_IP: '10000',
    });
    [api, worker] = await Promise.all([startApi(env), startWorker(env)]);
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    owner = await signUp();
  });
  afterAll(async () => {
    await pg.end();
    await Promise.all([api.stop('SIGKILL'), worker.stop('SIGKILL'), smtp.close()]);
    await db.drop();
  });

  it('invite → email with a link under APP_URL → accept as a new user → MEMBER of that tenant', async () => {
    const address = email();
    const invitation = await invite(owner, address.toUpperCase(), 'MEMBER', 'invite-new-user');
    expect(invitation).toMatchObject({
      email: address,
      role: 'MEMBER',
      status: 'PENDING',
      invitedBy: { id: owner.user.id },
    });
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const token = await tokenFor(address);
    const mail = invitationMails(address)[0];
    expect(mail.subject).toBe('Owner invited you to Inviting Inc');

    const res = await accept(token, { name: 'New Member', password: 'a fresh passphrase 1' });
    expect(res.body.errors).toBeUndefined();
    const joined = res.body.data?.acceptInvitation as Payload;
    expect(joined).toMatchObject({
      role: 'MEMBER',
      tenant: { id: owner.tenant.id },
      user: { email: address, name: 'New Member', emailVerified: true },
    });
    const me = await graphql(api.url, '{ me { role tenant { id } } }', undefined, bearer(joined.accessToken));
    expect(me.body.data).toEqual({ me: { role: 'MEMBER', tenant: { id: owner.tenant.id } } });
    const login = await graphql(api.url, LOGIN, { i: { email: address, password: 'a fresh passphrase 1' } });
    expect(code(login)).toBeUndefined();

    // Twice: CONFLICT, and still one membership.
    expect(code(await accept(token, { name: 'Again', password: 'a fresh passphrase 1' }))).toBe('CONFLICT');
    const rows = await pg.query('SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2', [
      owner.tenant.id,
      joined.user.id,
    ]);
    expect(rows.rowCount).toBe(1);

    // The worker's lines about this email carry the request id of inviteMember.
    const sent = () =>
      jsonLines(worker.lines).filter((l) => l['requestId'] === 'invite-new-user' && l['msg'] === 'job completed');
    for (let i = 0; i < 100 && sent().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(sent()).toHaveLength(1);
    const jobId = sent()[0]?.['jobId'];
    const jobLines = jsonLines(worker.lines).filter((l) => l['jobId'] === jobId);
    expect(jobLines.map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['outbox job published', 'job started', 'email sent', 'job completed']),
    );
    for (const line of jobLines)
      expect(line).toMatchObject({ requestId: 'invite-new-user', tenantId: owner.tenant.id });
  });

  it('an existing user accepts with the token alone and gets the invited role in that tenant', async () => {
    const address = email();
    const existing = await signUp(address, 'Their Own Inc');
    await invite(owner, address, 'ADMIN');
    const res = await accept(await tokenFor(address));
    expect(res.body.data?.acceptInvitation).toMatchObject({
      role: 'ADMIN',
      tenant: { id: owner.tenant.id },
      user: { id: existing.user.id, name: 'Owner' },
    });
    const me = await graphql<{ me: { tenants: { id: string }[] } }>(
      api.url,
      '{ me { tenants { id } } }',
      undefined,
      bearer(existing.accessToken),
    );
    expect(me.body.data?.me.tenants.map((t) => t.id).sort()).toEqual([existing.tenant.id, owner.tenant.id].sort());
  });

  it('asks a new user for a name and an acceptable password, and leaves the invitation pending until then', async () => {
    const address = email();
    await invite(owner, address);
    const token = await tokenFor(address);
    const bare = await accept(token);
    expect(code(bare)).toBe('BAD_USER_INPUT');
    expect(bare.body.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'name', messages: ['is required to create your account'] },
      { field: 'password', messages: ['is required to create your account'] },
    ]);
    expect(code(await accept(token, { name: 'X', password: 'password1234' }))).toBe('BAD_USER_INPUT');
    expect(code(await accept(token, { name: 'Late Joiner', password: 'a fresh passphrase 2' }))).toBeUndefined();
  });

  it('decline: the invitation is DECLINED and can be neither accepted nor declined again', async () => {
    const address = email();
    await invite(owner, address);
    const token = await tokenFor(address);
    expect((await decline(token)).body.data).toEqual({ declineInvitation: true });
    expect(code(await accept(token, { name: 'X', password: 'a fresh passphrase 3' }))).toBe('CONFLICT');
    expect(code(await decline(token))).toBe('CONFLICT');
    expect(code(await decline('x'.repeat(43)))).toBe('BAD_USER_INPUT');
  });

  it('revoke, then accept: refused; a revoked invitation cannot be revoked or resent', async () => {
    const address = email();
    const invitation = await invite(owner, address);
    const token = await tokenFor(address);
    const revoked = await graphql(api.url, REVOKE, { id: invitation.id }, bearer(owner.accessToken));
    expect(revoked.body.data).toMatchObject({ revokeInvitation: { id: invitation.id, status: 'REVOKED' } });
    const refused = await accept(token, { name: 'X', password: 'a fresh passphrase 4' });
    expect(code(refused)).toBe('CONFLICT');
    expect(refused.body.errors?.[0]?.message).toBe('This invitation is revoked; it cannot be accepted');
    expect(code(await graphql(api.url, REVOKE, { id: invitation.id }, bearer(owner.accessToken)))).toBe('CONFLICT');
    expect(code(await graphql(api.url, RESEND, { id: invitation.id }, bearer(owner.accessToken)))).toBe('CONFLICT');
    // Revoked, the address can be invited again.
    expect((await invite(owner, address)).status).toBe('PENDING');
  });

  it('resend: a new email with a new token and expiry; the old token is dead, the new one works', async () => {
    const address = email();
    const invitation = await invite(owner, address);
    const oldToken = await tokenFor(address);
    await pg.query(`UPDATE invitations SET expires_at = now() + interval '1 day' WHERE id = $1`, [invitation.id]);
    const resent = await graphql<{ resendInvitation: Invitation }>(
      api.url,
      RESEND,
      { id: invitation.id },
      bearer(owner.accessToken),
    );
    expect(resent.body.data?.resendInvitation).toMatchObject({ id: invitation.id, status: 'PENDING' });
    expect(Date.parse(resent.body.data?.resendInvitation.expiresAt ?? '')).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const newToken = await tokenFor(address, 2);
    expect(newToken).not.toBe(oldToken);
    expect(code(await accept(oldToken, { name: 'X', password: 'a fresh passphrase 5' }))).toBe('BAD_USER_INPUT');
    expect(code(await accept(newToken, { name: 'X', password: 'a fresh passphrase 5' }))).toBeUndefined();
  });

  it('an invitation past its expiry is refused even before the expiry job marks it', async () => {
    const address = email();
    const invitation = await invite(owner, address);
    const token = await tokenFor(address);
    await pg.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [invitation.id]);
    const res = await accept(token, { name: 'X', password: 'a fresh passphrase 6' });
    expect(code(res)).toBe('CONFLICT');
    // (The expiry job may have marked it already; the answer is the same either way.)
    expect(res.body.errors?.[0]?.message).toMatch(/^This invitation (has expired|is expired; it cannot be accepted)$/);
    // A new invitation to the same address replaces it.
    expect((await invite(owner, address)).status).toBe('PENDING');
    const statuses = await pg.query<{ status: string }>(
      'SELECT status FROM invitations WHERE email = $1 ORDER BY created_at',
      [address],
    );
    expect(statuses.rows.map((r) => r.status)).toEqual(['EXPIRED', 'PENDING']);
  });

  it('the worker’s repeatable job marks invitations past their expiry EXPIRED', async () => {
    const queue = new Queue(MAINTENANCE_QUEUE, { connection: { url: redisUrl() }, prefix: env['QUEUE_PREFIX'] });
    try {
      // The schedule is registered by the worker at start: every minute.
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: 'expire-invitations', every: 60_000 })]),
      );
      const stale = await invite(owner, email());
      const fresh = await invite(owner, email());
      await pg.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [stale.id]);
      // One run now, as the scheduler would start it.
      const job = await queue.add('expire-invitations', { meta: { requestId: 'expiry-run' } });
      for (let i = 0; i < 100 && !(await job.isCompleted()); i++) await new Promise((r) => setTimeout(r, 50));
      const statuses = await pg.query<{ id: string; status: string }>(
        'SELECT id, status FROM invitations WHERE id = ANY($1::uuid[])',
        [[stale.id, fresh.id]],
      );
      expect(Object.fromEntries(statuses.rows.map((r) => [r.id, r.status]))).toEqual({
        [stale.id]: 'EXPIRED',
        [fresh.id]: 'PENDING',
      });
      // Logged by our run, or by a scheduled run that came first: either way under its own request id.
      const line = jsonLines(worker.lines).find(
        (l) => l['msg'] === 'invitations expired' && (l['ids'] as string[]).includes(stale.id),
      );
      expect(['expiry-run', 'scheduler']).toContain(line?.['requestId']);
      // And one audit row for it, under the same request id, with no actor.
      const audit = await pg.query(
        'SELECT action, actor_user_id, request_id FROM audit_logs WHERE resource_id = $1 ORDER BY created_at',
        [stale.id],
      );
      expect(audit.rows).toEqual([
        { action: 'invitation.created', actor_user_id: owner.user.id, request_id: expect.any(String) },
        { action: 'invitation.expired', actor_user_id: null, request_id: line?.['requestId'] },
      ]);
    } finally {
      await queue.close();
    }
  });

  it('two concurrent accepts of one token make exactly one membership', async () => {
    const address = email();
    await invite(owner, address);
    const token = await tokenFor(address);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => accept(token, { name: 'Racer', password: 'a fresh passphrase 7' })),
    );
    const codes = results.map(code);
    expect(codes.filter((c) => c === undefined)).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(5);
    const rows = await pg.query(
      'SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND m.tenant_id = $2',
      [address, owner.tenant.id],
    );
    expect(rows.rowCount).toBe(1);
  });

  it('refuses to invite a member, a second pending invitation, an OWNER, and anyone as a MEMBER', async () => {
    const address = email();
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        graphql(api.url, INVITE, { i: { email: address, role: 'MEMBER' } }, bearer(owner.accessToken)),
      ),
    );
    expect(results.map(code).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', undefined]);
    const member = await accept(await tokenFor(address), { name: 'M', password: 'a fresh passphrase 8' });
    const asMember = member.body.data?.acceptInvitation as Payload;

    const again = await graphql(api.url, INVITE, { i: { email: address, role: 'ADMIN' } }, bearer(owner.accessToken));
    expect(code(again)).toBe('CONFLICT');
    expect(again.body.errors?.[0]?.message).toBe('This person is already a member');
    const asOwner = await graphql(api.url, INVITE, { i: { email: email(), role: 'OWNER' } }, bearer(owner.accessToken));
    expect(code(asOwner)).toBe('BAD_USER_INPUT');
    expect(asOwner.body.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'role', messages: ['must be ADMIN or MEMBER'] },
    ]);
    const badEmail = await graphql(
      api.url,
      INVITE,
      { i: { email: 'nope', role: 'MEMBER' } },
      bearer(owner.accessToken),
    );
    expect(code(badEmail)).toBe('BAD_USER_INPUT');
    const byMember = await graphql(
      api.url,
      INVITE,
      { i: { email: email(), role: 'MEMBER' } },
      bearer(asMember.accessToken),
    );
    expect(code(byMember)).toBe('FORBIDDEN');
    expect(code(await graphql(api.url, LIST, {}, bearer(asMember.accessToken)))).toBe('FORBIDDEN');
  });

  it('another tenant’s invitation is NOT_FOUND; a malformed id is BAD_USER_INPUT', async () => {
    const other = await signUp(email(), 'Other Inc');
    const theirs = await invite(other, email());
    for (const op of [REVOKE, RESEND]) {
      expect(code(await graphql(api.url, op, { id: theirs.id }, bearer(owner.accessToken)))).toBe('NOT_FOUND');
      expect(code(await graphql(api.url, op, { id: 'not-an-id' }, bearer(owner.accessToken)))).toBe('BAD_USER_INPUT');
    }
    const list = await graphql<{ invitations: { edges: { node: Invitation }[] } }>(
      api.url,
      LIST,
      { paging: { first: 100 } },
      bearer(owner.accessToken),
    );
    expect(list.body.data?.invitations.edges.some((e) => e.node.id === theirs.id)).toBe(false);
  });

  it('lists the tenant’s invitations newest first, with filters, sorting and keyset paging', async () => {
    const tenant = await signUp(email(), 'Listing Inc');
    const addresses = ['carol', 'alice', 'bob', 'dave'].map((p) => `${p}.${Date.now()}@list.example.com`);
    const created: Invitation[] = [];
    for (const a of addresses) created.push(await invite(tenant, a, a.startsWith('bob') ? 'ADMIN' : 'MEMBER'));
    await graphql(api.url, REVOKE, { id: created[3]?.id }, bearer(tenant.accessToken));
    type List = { invitations: { totalCount: number; edges: { cursor: string; node: Invitation }[] } };
    const list = async (variables: Record<string, unknown>) => {
      const res = await graphql<List>(api.url, LIST, variables, bearer(tenant.accessToken));
      expect(res.body.errors).toBeUndefined();
      return res.body.data?.invitations as List['invitations'];
    };
    const names = (l: List['invitations']) => l.edges.map((e) => e.node.email.split('.')[0]);

    expect(names(await list({}))).toEqual(['dave', 'bob', 'alice', 'carol']);
    expect((await list({})).totalCount).toBe(4);
    expect(names(await list({ sorting: [{ field: 'email', direction: 'ASC' }] }))).toEqual([
      'alice',
      'bob',
      'carol',
      'dave',
    ]);
    expect(names(await list({ filter: { status: { eq: 'PENDING' } } }))).toEqual(['bob', 'alice', 'carol']);
    expect(names(await list({ filter: { email: { iLike: 'A%' } } }))).toEqual(['alice']);
    expect(names(await list({ filter: { or: [{ role: { eq: 'ADMIN' } }, { email: { like: 'carol%' } }] } }))).toEqual([
      'bob',
      'carol',
    ]);
    const page1 = await list({ sorting: [{ field: 'email', direction: 'DESC' }], paging: { first: 2 } });
    expect(names(page1)).toEqual(['dave', 'carol']);
    const page2 = await list({
      sorting: [{ field: 'email', direction: 'DESC' }],
      paging: { first: 2, after: page1.edges[1]?.cursor },
    });
    expect(names(page2)).toEqual(['bob', 'alice']);
  });
});
