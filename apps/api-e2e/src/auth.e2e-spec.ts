import { SignJWT, importPKCS8 } from 'jose';
import { Client as PgClient } from 'pg';
import {
  graphql,
  jsonLines,
  migratedDatabase,
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

const PAYLOAD = 'accessToken refreshToken expiresIn role user { id email name emailVerified } tenant { id name slug }';
const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { ${PAYLOAD} } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { ${PAYLOAD} } }`;
const REFRESH = `mutation Refresh($t: String!) { refreshToken(input: { refreshToken: $t }) { ${PAYLOAD} } }`;
const ME = '{ me { role user { email emailVerified } tenant { id } tenants { id } } }';
const PASSWORD = 'correct horse battery staple';

interface Payload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  role: string;
  user: { id: string; email: string; name: string; emailVerified: boolean };
  tenant: { id: string; name: string; slug: string };
}

const code = (res: GraphQLResponse): unknown => res.body.errors?.[0]?.extensions?.['code'];
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const tokenIn = (mail: CapturedMail): string => {
  const m = /\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no token link in: ${mail.text}`);
  return m[1];
};

describe('identity: sign-up, login, tokens, sessions, emails', () => {
  let db: TestDatabase;
  let smtp: SmtpCatcher;
  let env: Record<string, string>;
  let api: RunningApi;
  let worker: RunningProcess;
  let n = 0;
  const email = (): string => `user${++n}.${Date.now()}@example.com`;

  async function signUp(address = email(), requestId?: string): Promise<Payload> {
    const res = await graphql<{ signUp: Payload }>(
      api.url,
      SIGN_UP,
      { input: { email: address, password: PASSWORD, name: 'Ada Lovelace', tenantName: 'Acme Inc' } },
      requestId ? { 'x-request-id': requestId } : {},
    );
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { signUp: Payload }).signUp;
  }

  /** Factory: puts an existing user into a tenant (invitations arrive with their own issue). */
  async function addMember(userId: string, tenantId: string, role: string): Promise<void> {
    const client = new PgClient({ connectionString: db.url });
    await client.connect();
    await client.query('INSERT INTO memberships (user_id, tenant_id, role) VALUES ($1, $2, $3)', [
      userId,
      tenantId,
      role,
    ]);
    await client.end();
  }

  beforeAll(async () => {
    [db, smtp] = await Promise.all([migratedDatabase(), startSmtpCatcher()]);
    // Every request of this file comes from 127.0.0.1: the per-IP limit is raised so the per-email one is what is tested.
    env = testEnv({
      DATABASE_URL: db.appUrl,
      SMTP_URL: smtp.url,
      APP_URL: 'https://app.example.com',
      AUTH_RATE_LIMIT_PER_IP: '1000',
      // Every reuse is a reuse here; the grace has a test of its own.
      REFRESH_REUSE_GRACE_SECONDS: '0',
    });
    [api, worker] = await Promise.all([startApi(env), startWorker(env)]);
  });
  afterAll(async () => {
    await Promise.all([api.stop('SIGKILL'), worker.stop('SIGKILL'), smtp.close()]);
    await db.drop();
  });

  describe('signUp', () => {
    it('creates the user (email lower-cased), the tenant and the OWNER membership, and signs in', async () => {
      const address = email();
      const payload = await signUp(address.toUpperCase());
      expect(payload).toMatchObject({ role: 'OWNER', expiresIn: 900, user: { email: address, emailVerified: false } });
      expect(payload.tenant).toMatchObject({
        name: 'Acme Inc',
        slug: expect.stringMatching(/^acme-inc(-[0-9a-f]+)?$/),
      });
      const me = await graphql(api.url, ME, undefined, bearer(payload.accessToken));
      expect(me.body.data).toEqual({
        me: {
          role: 'OWNER',
          user: { email: address, emailVerified: false },
          tenant: { id: payload.tenant.id },
          tenants: [{ id: payload.tenant.id }],
        },
      });
    });

    it('queues a welcome and a verification email that the worker sends, all under the request id', async () => {
      const address = email();
      await signUp(address, 'abc-123');
      const welcome = await smtp.waitFor((m) => m.to.includes(address) && /Welcome/.test(m.subject));
      const verify = await smtp.waitFor((m) => m.to.includes(address) && /Confirm/.test(m.subject));
      expect(verify.text).toMatch(/https:\/\/app\.example\.com\/verify-email\?token=[A-Za-z0-9_-]{43}/);
      expect(welcome.headers['x-request-id']).toBe('abc-123');

      // Every log line the request caused, in the API and in the worker, carries its id.
      const apiLines = jsonLines(api.lines).filter((l) => l['requestId'] === 'abc-123');
      expect(apiLines.map((l) => l['msg'])).toEqual(expect.arrayContaining(['request completed 200']));
      const completed = () =>
        jsonLines(worker.lines).filter((l) => l['requestId'] === 'abc-123' && l['msg'] === 'job completed');
      for (let i = 0; i < 100 && completed().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(completed()).toHaveLength(2);
      const workerLines = jsonLines(worker.lines).filter(
        (l) => JSON.stringify(l).includes(address) || l['requestId'] === 'abc-123',
      );
      expect(workerLines.filter((l) => l['msg'] === 'email sent')).toHaveLength(2);
      for (const line of workerLines) expect(line['requestId']).toBe('abc-123');
    });

    it('gives tenants of the same name distinct slugs, even when the sign-ups race', async () => {
      const payloads = await Promise.all(Array.from({ length: 6 }, () => signUp()));
      const slugs = payloads.map((p) => p.tenant.slug);
      expect(new Set(slugs).size).toBe(6);
      for (const slug of slugs) expect(slug).toMatch(/^acme-inc(-[0-9a-f]+)?$/);
    });

    it('refuses an email that is taken, whatever its case (CONFLICT)', async () => {
      const address = email();
      await signUp(address);
      const res = await graphql(api.url, SIGN_UP, {
        input: { email: address.toUpperCase(), password: PASSWORD, name: 'X', tenantName: 'Y' },
      });
      expect(code(res)).toBe('CONFLICT');
    });

    it('refuses short and common passwords and a bad email with field messages (BAD_USER_INPUT)', async () => {
      const res = await graphql(api.url, SIGN_UP, {
        input: { email: 'not-an-email', password: 'short', name: 'X', tenantName: 'Y' },
      });
      expect(code(res)).toBe('BAD_USER_INPUT');
      const fields = res.body.errors?.[0]?.extensions?.['fields'] as { field: string; messages: string[] }[];
      expect(fields.map((f) => f.field).sort()).toEqual(['email', 'password']);
      const common = await graphql(api.url, SIGN_UP, {
        input: { email: email(), password: 'password1234', name: 'X', tenantName: 'Y' },
      });
      expect(common.body.errors?.[0]?.extensions?.['fields']).toEqual([
        { field: 'password', messages: ['is too common; choose another password'] },
      ]);
    });
  });

  describe('login', () => {
    it('signs in case-insensitively into the oldest membership', async () => {
      const address = email();
      const first = await signUp(address);
      const res = await graphql<{ login: Payload }>(api.url, LOGIN, {
        input: { email: address.toUpperCase(), password: PASSWORD },
      });
      expect(res.body.data?.login).toMatchObject({
        role: 'OWNER',
        tenant: { id: first.tenant.id },
        user: { id: first.user.id },
      });
    });

    it('gives the same UNAUTHENTICATED answer for an unknown email and a wrong password', async () => {
      const address = email();
      await signUp(address);
      const wrong = await graphql(api.url, LOGIN, { input: { email: address, password: 'wrong password 123' } });
      const unknown = await graphql(api.url, LOGIN, { input: { email: email(), password: PASSWORD } });
      expect(code(wrong)).toBe('UNAUTHENTICATED');
      expect(code(unknown)).toBe('UNAUTHENTICATED');
      expect(wrong.body.errors?.[0]?.message).toBe(unknown.body.errors?.[0]?.message);
    });

    it('is rate limited per email: TOO_MANY_REQUESTS with a retry hint before the 30th wrong attempt', async () => {
      const address = email();
      await signUp(address);
      const codes: unknown[] = [];
      let retryAfter: unknown;
      for (let i = 0; i < 30; i++) {
        const res = await graphql(api.url, LOGIN, { input: { email: address, password: `wrong password ${i}` } });
        codes.push(code(res));
        retryAfter ??= res.body.errors?.[0]?.extensions?.['retryAfter'];
      }
      const first = codes.indexOf('TOO_MANY_REQUESTS');
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(29);
      expect(codes.slice(0, first).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
      expect(retryAfter).toEqual(expect.any(Number));
    });
  });

  describe('refresh tokens', () => {
    it('rotates; a reused token revokes the whole family', async () => {
      const r1 = (await signUp()).refreshToken;
      const second = await graphql<{ refreshToken: Payload }>(api.url, REFRESH, { t: r1 });
      const r2 = second.body.data?.refreshToken.refreshToken ?? '';
      expect(r2).not.toBe(r1);
      expect(second.body.data?.refreshToken).toMatchObject({ role: 'OWNER', expiresIn: 900 });
      const rotatedAccess = second.body.data?.refreshToken.accessToken ?? '';
      expect(code(await graphql(api.url, ME, undefined, bearer(rotatedAccess)))).toBeUndefined();
      expect(code(await graphql(api.url, REFRESH, { t: r1 }))).toBe('UNAUTHENTICATED');
      expect(code(await graphql(api.url, REFRESH, { t: r2 }))).toBe('UNAUTHENTICATED');
      // The access token of that session is dead too.
      const access = second.body.data?.refreshToken.accessToken ?? '';
      expect(code(await graphql(api.url, ME, undefined, bearer(access)))).toBe('UNAUTHENTICATED');
    });

    it('a retry within REFRESH_REUSE_GRACE_SECONDS gets a token of its own; a reuse after it revokes the family', async () => {
      const graceful = await startApi({ ...env, REFRESH_REUSE_GRACE_SECONDS: '2' });
      try {
        const refresh = (t: string) => graphql<{ refreshToken: Payload }>(graceful.url, REFRESH, { t });
        const r1 = (await signUp()).refreshToken;
        const first = (await refresh(r1)).body.data?.refreshToken;
        const retry = (await refresh(r1)).body.data?.refreshToken;
        expect(first?.refreshToken).toEqual(expect.any(String));
        expect(retry?.refreshToken).toEqual(expect.any(String));
        expect(retry?.refreshToken).not.toBe(first?.refreshToken);
        // Both answers work: the client keeps whichever it received.
        expect(code(await graphql(graceful.url, ME, undefined, bearer(first?.accessToken ?? '')))).toBeUndefined();
        expect(code(await refresh(first?.refreshToken ?? ''))).toBeUndefined();
        await new Promise((r) => setTimeout(r, 2500));
        expect(code(await refresh(r1))).toBe('UNAUTHENTICATED');
        // Past the grace it was a reuse: the whole session is gone.
        expect(code(await refresh(retry?.refreshToken ?? ''))).toBe('UNAUTHENTICATED');
        expect(code(await graphql(graceful.url, ME, undefined, bearer(retry?.accessToken ?? '')))).toBe(
          'UNAUTHENTICATED',
        );
      } finally {
        await graceful.stop('SIGKILL');
      }
    });

    it('refuses a token that is not one of ours, and an access token presented as a refresh token', async () => {
      const session = await signUp();
      for (const t of ['', 'garbage', session.accessToken, `${session.refreshToken}x`]) {
        expect(code(await graphql(api.url, REFRESH, { t }))).toBe('UNAUTHENTICATED');
      }
      // None of those attempts burned the real token.
      expect(code(await graphql(api.url, REFRESH, { t: session.refreshToken }))).toBeUndefined();
    });

    it('after logout, both the refresh token and the access token of the session are refused', async () => {
      const session = await signUp();
      const out = await graphql(api.url, 'mutation { logout }', undefined, bearer(session.accessToken));
      expect(out.body.data).toEqual({ logout: true });
      expect(code(await graphql(api.url, ME, undefined, bearer(session.accessToken)))).toBe('UNAUTHENTICATED');
      expect(code(await graphql(api.url, REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('forged access tokens are UNAUTHENTICATED', () => {
    let session: Payload;
    beforeAll(async () => {
      session = await signUp();
    });
    const me = (token: string) => graphql(api.url, ME, undefined, bearer(token)).then(code);
    const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

    it('alg none', async () => {
      const [, payload] = session.accessToken.split('.');
      expect(await me(`${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`)).toBe('UNAUTHENTICATED');
    });

    it('a tampered payload', async () => {
      const [header, payload, signature] = session.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      expect(
        await me(
          `${header}.${b64({ ...claims, role: 'OWNER', tid: '00000000-0000-4000-8000-000000000000' })}.${signature}`,
        ),
      ).toBe('UNAUTHENTICATED');
    });

    it('a refresh token presented as an access token', async () => {
      expect(await me(session.refreshToken)).toBe('UNAUTHENTICATED');
    });

    it('an expired token signed with the real access key', async () => {
      const [header, payload] = session.accessToken.split('.');
      const h = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const key = await importPKCS8(env['JWT_ACCESS_PRIVATE_KEY'] ?? '', 'RS256');
      const now = Math.floor(Date.now() / 1000);
      const expired = await new SignJWT({ ...claims, iat: now - 3600, nbf: now - 3600, exp: now - 1800 })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: h.kid })
        .sign(key);
      expect(await me(expired)).toBe('UNAUTHENTICATED');
      // The same construction with a valid expiry is accepted: the test would catch a broken signer.
      const valid = await new SignJWT({ ...claims, iat: now, nbf: now, exp: now + 600 })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: h.kid })
        .sign(key);
      expect(await me(valid)).toBeUndefined();
    });

    it('no token, or a malformed header', async () => {
      expect(code(await graphql(api.url, ME))).toBe('UNAUTHENTICATED');
      expect(code(await graphql(api.url, ME, undefined, { authorization: 'Basic abc' }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('email verification and password reset', () => {
    it('verifyEmail marks the address verified, once', async () => {
      const address = email();
      const session = await signUp(address);
      const token = tokenIn(await smtp.waitFor((m) => m.to.includes(address) && /Confirm/.test(m.subject)));
      const verify = (t: string) => graphql(api.url, 'mutation V($t: String!) { verifyEmail(token: $t) }', { t });
      expect((await verify(token)).body.data).toEqual({ verifyEmail: true });
      const me = await graphql<{ me: { user: { emailVerified: boolean } } }>(
        api.url,
        ME,
        undefined,
        bearer(session.accessToken),
      );
      expect(me.body.data?.me.user.emailVerified).toBe(true);
      expect(code(await verify(token))).toBe('BAD_USER_INPUT');
    });

    it('requestEmailVerification sends a fresh link that replaces the old one; once verified it sends nothing', async () => {
      const address = email();
      const session = await signUp(address);
      const first = tokenIn(await smtp.waitFor((m) => m.to.includes(address) && /Confirm/.test(m.subject)));
      const ask = () =>
        graphql(api.url, 'mutation { requestEmailVerification }', undefined, bearer(session.accessToken));
      expect((await ask()).body.data).toEqual({ requestEmailVerification: true });
      const second = tokenIn(
        await smtp.waitFor((m) => m.to.includes(address) && /Confirm/.test(m.subject) && !m.text.includes(first)),
      );
      expect(second).not.toBe(first);
      const verify = (t: string) => graphql(api.url, 'mutation V($t: String!) { verifyEmail(token: $t) }', { t });
      expect(code(await verify(first))).toBe('BAD_USER_INPUT');
      expect((await verify(second)).body.data).toEqual({ verifyEmail: true });

      const before = smtp.mails.filter((m) => m.to.includes(address)).length;
      expect((await ask()).body.data).toEqual({ requestEmailVerification: true });
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.mails.filter((m) => m.to.includes(address))).toHaveLength(before);
      expect(code(await graphql(api.url, 'mutation { requestEmailVerification }'))).toBe('UNAUTHENTICATED');
    });

    it('verifyEmail refuses an unknown token with BAD_USER_INPUT', async () => {
      const res = await graphql(api.url, 'mutation V($t: String!) { verifyEmail(token: $t) }', { t: 'x'.repeat(43) });
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.extensions?.['fields']).toEqual([
        { field: 'token', messages: ['is invalid or has expired'] },
      ]);
    });

    it('requestPasswordReset does the same work for an unknown address (one queued job), and the worker sends nothing', async () => {
      const known = email();
      await signUp(known);
      const nobody = email();
      const REQUEST = 'mutation R($e: String!) { requestPasswordReset(email: $e) }';
      const ask = (e: string, requestId: string) => graphql(api.url, REQUEST, { e }, { 'x-request-id': requestId });
      expect((await ask(nobody, 'reset-unknown')).body.data).toEqual({ requestPasswordReset: true });
      expect((await ask(known, 'reset-known')).body.data).toEqual({ requestPasswordReset: true });
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      try {
        // The API's work is the same on both paths: one outbox row of the same job, holding no token.
        const rows = await pg.query<{ request_id: string; job_name: string; id: string }>(
          `SELECT id, request_id, job_name FROM outbox WHERE request_id IN ('reset-unknown', 'reset-known') ORDER BY request_id`,
        );
        expect(rows.rows.map((r) => [r.request_id, r.job_name])).toEqual([
          ['reset-known', 'password-reset-request'],
          ['reset-unknown', 'password-reset-request'],
        ]);
        // The worker decides: a mail for the known address; for the unknown one the job completes and sends nothing.
        await smtp.waitFor((m) => m.to.includes(known) && /Reset/.test(m.subject));
        const unknownJob = rows.rows.find((r) => r.request_id === 'reset-unknown')?.id;
        let result: unknown;
        for (let i = 0; i < 100 && result === undefined; i++) {
          const done = await pg.query<{ result: unknown }>('SELECT result FROM processed_jobs WHERE job_id = $1', [
            unknownJob,
          ]);
          result = done.rows[0]?.result;
          if (result === undefined) await new Promise((r) => setTimeout(r, 100));
        }
        expect(result).toEqual({ sent: false });
        expect(smtp.mails.some((m) => m.to.includes(nobody))).toBe(false);
      } finally {
        await pg.end();
      }
    });

    it('resetPassword sets the password once and ends every session of the user', async () => {
      const address = email();
      const session = await signUp(address);
      await graphql(api.url, 'mutation R($e: String!) { requestPasswordReset(email: $e) }', { e: address });
      const mail = await smtp.waitFor((m) => m.to.includes(address) && /Reset/.test(m.subject));
      expect(mail.text).toContain('https://app.example.com/reset-password?token=');
      const reset = (token: string) =>
        graphql(api.url, 'mutation R($i: ResetPasswordInput!) { resetPassword(input: $i) }', {
          i: { token, newPassword: 'a brand new passphrase' },
        });
      expect((await reset(tokenIn(mail))).body.data).toEqual({ resetPassword: true });
      expect(code(await reset(tokenIn(mail)))).toBe('BAD_USER_INPUT');
      expect(code(await graphql(api.url, ME, undefined, bearer(session.accessToken)))).toBe('UNAUTHENTICATED');
      expect(code(await graphql(api.url, REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(code(await graphql(api.url, LOGIN, { input: { email: address, password: PASSWORD } }))).toBe(
        'UNAUTHENTICATED',
      );
      const login = await graphql(api.url, LOGIN, { input: { email: address, password: 'a brand new passphrase' } });
      expect(login.body.errors).toBeUndefined();
    });
  });

  describe('switchTenant', () => {
    it('is FORBIDDEN for a tenant the caller does not belong to, and BAD_USER_INPUT for a malformed id', async () => {
      const a = await signUp();
      const b = await signUp();
      const sw = (id: string) =>
        graphql(
          api.url,
          'mutation S($id: ID!) { switchTenant(tenantId: $id) { role } }',
          { id },
          bearer(a.accessToken),
        );
      expect(code(await sw(b.tenant.id))).toBe('FORBIDDEN');
      expect(code(await sw('not-a-uuid'))).toBe('BAD_USER_INPUT');
      const own = await sw(a.tenant.id);
      expect(own.body.data).toEqual({ switchTenant: { role: 'OWNER' } });
    });

    it('moves a member into another of their tenants with that tenant’s role, and ends the old session', async () => {
      const a = await signUp();
      const b = await signUp();
      await addMember(a.user.id, b.tenant.id, 'ADMIN');
      const res = await graphql<{ switchTenant: Payload }>(
        api.url,
        `mutation S($id: ID!) { switchTenant(tenantId: $id) { ${PAYLOAD} } }`,
        { id: b.tenant.id },
        bearer(a.accessToken),
      );
      expect(res.body.data?.switchTenant).toMatchObject({ role: 'ADMIN', tenant: { id: b.tenant.id } });
      const next = res.body.data?.switchTenant as Payload;
      const tenant = await graphql(api.url, '{ tenant { id name slug } }', undefined, bearer(next.accessToken));
      expect(tenant.body.data).toEqual({ tenant: { id: b.tenant.id, name: 'Acme Inc', slug: b.tenant.slug } });
      const me = await graphql<{ me: { role: string; tenants: { id: string }[] } }>(
        api.url,
        ME,
        undefined,
        bearer(next.accessToken),
      );
      expect(me.body.data?.me.role).toBe('ADMIN');
      expect(me.body.data?.me.tenants.map((t) => t.id).sort()).toEqual([a.tenant.id, b.tenant.id].sort());
      // The session it left is over.
      expect(code(await graphql(api.url, ME, undefined, bearer(a.accessToken)))).toBe('UNAUTHENTICATED');
      expect(code(await graphql(api.url, REFRESH, { t: a.refreshToken }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('login into a chosen tenant', () => {
    it('signs into the tenant asked for, and answers a tenant the user is not in like a wrong password', async () => {
      const address = email();
      const a = await signUp(address);
      const b = await signUp();
      await addMember(a.user.id, b.tenant.id, 'MEMBER');
      const into = (tenantId: string) =>
        graphql<{ login: Payload }>(api.url, LOGIN, { input: { email: address, password: PASSWORD, tenantId } });
      expect((await into(b.tenant.id)).body.data?.login).toMatchObject({ role: 'MEMBER', tenant: { id: b.tenant.id } });
      const stranger = await signUp();
      const refused = await into(stranger.tenant.id);
      expect(code(refused)).toBe('UNAUTHENTICATED');
      expect(refused.body.errors?.[0]?.message).toBe('Invalid email or password');
      expect(code(await into('not-a-uuid'))).toBe('BAD_USER_INPUT');
    });
  });

  describe('members: updateMemberRole and removeMember', () => {
    const UPDATE = 'mutation U($i: UpdateMemberRoleInput!) { updateMemberRole(input: $i) { role user { id email } } }';
    const REMOVE = 'mutation R($u: ID!) { removeMember(userId: $u) }';

    const loginTo = async (address: string, tenantId: string): Promise<Payload> => {
      const res = await graphql<{ login: Payload }>(api.url, LOGIN, {
        input: { email: address, password: PASSWORD, tenantId },
      });
      expect(res.body.errors).toBeUndefined();
      return (res.body.data as { login: Payload }).login;
    };

    it('follows the role rules, keeps the last owner, and ends the sessions of a changed member', async () => {
      const owner = await signUp();
      const bAddress = email();
      const b = await signUp(bAddress);
      await addMember(b.user.id, owner.tenant.id, 'MEMBER');
      const bInA = await loginTo(bAddress, owner.tenant.id);
      expect(bInA.role).toBe('MEMBER');

      // A MEMBER may do neither.
      expect(
        code(
          await graphql(api.url, UPDATE, { i: { userId: owner.user.id, role: 'MEMBER' } }, bearer(bInA.accessToken)),
        ),
      ).toBe('FORBIDDEN');
      expect(code(await graphql(api.url, REMOVE, { u: owner.user.id }, bearer(bInA.accessToken)))).toBe('FORBIDDEN');

      // The OWNER promotes B; B's old session in that tenant ends (its token carried MEMBER).
      const promoted = await graphql(
        api.url,
        UPDATE,
        { i: { userId: b.user.id, role: 'ADMIN' } },
        bearer(owner.accessToken),
      );
      expect(promoted.body.data).toEqual({
        updateMemberRole: { role: 'ADMIN', user: { id: b.user.id, email: bAddress } },
      });
      expect(code(await graphql(api.url, ME, undefined, bearer(bInA.accessToken)))).toBe('UNAUTHENTICATED');
      // B's session in B's own tenant is untouched.
      expect(code(await graphql(api.url, ME, undefined, bearer(b.accessToken)))).toBeUndefined();

      // The last OWNER can be neither demoted nor removed.
      expect(
        code(
          await graphql(api.url, UPDATE, { i: { userId: owner.user.id, role: 'ADMIN' } }, bearer(owner.accessToken)),
        ),
      ).toBe('CONFLICT');
      expect(code(await graphql(api.url, REMOVE, { u: owner.user.id }, bearer(owner.accessToken)))).toBe('CONFLICT');

      // An ADMIN may not remove an OWNER.
      const bAdmin = await loginTo(bAddress, owner.tenant.id);
      expect(bAdmin.role).toBe('ADMIN');
      expect(code(await graphql(api.url, REMOVE, { u: owner.user.id }, bearer(bAdmin.accessToken)))).toBe('FORBIDDEN');

      // Unknown and malformed ids.
      expect(
        code(await graphql(api.url, REMOVE, { u: '00000000-0000-4000-8000-000000000000' }, bearer(owner.accessToken))),
      ).toBe('NOT_FOUND');
      expect(code(await graphql(api.url, REMOVE, { u: 'nope' }, bearer(owner.accessToken)))).toBe('BAD_USER_INPUT');
      // A member of another tenant only is NOT_FOUND here.
      const stranger = await signUp();
      expect(code(await graphql(api.url, REMOVE, { u: stranger.user.id }, bearer(owner.accessToken)))).toBe(
        'NOT_FOUND',
      );

      // Removal: B's session in A ends and B can no longer sign in there.
      expect((await graphql(api.url, REMOVE, { u: b.user.id }, bearer(owner.accessToken))).body.data).toEqual({
        removeMember: true,
      });
      expect(code(await graphql(api.url, ME, undefined, bearer(bAdmin.accessToken)))).toBe('UNAUTHENTICATED');
      const again = await graphql(api.url, LOGIN, {
        input: { email: bAddress, password: PASSWORD, tenantId: owner.tenant.id },
      });
      expect(code(again)).toBe('UNAUTHENTICATED');
    });

    it('with two owners, one can be demoted', async () => {
      const owner = await signUp();
      const bAddress = email();
      const b = await signUp(bAddress);
      await addMember(b.user.id, owner.tenant.id, 'OWNER');
      const res = await graphql(
        api.url,
        UPDATE,
        { i: { userId: owner.user.id, role: 'ADMIN' } },
        bearer(owner.accessToken),
      );
      expect(res.body.data).toMatchObject({ updateMemberRole: { role: 'ADMIN' } });
    });
  });

  it('no password, token or key appears in any log line', () => {
    const output = [...api.lines, ...worker.lines].join('\n');
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain('a brand new passphrase');
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/);
    expect(output).not.toContain('PRIVATE KEY');
    for (const mail of smtp.mails) {
      const token = /\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      if (token) expect(output).not.toContain(token);
    }
  });
});
