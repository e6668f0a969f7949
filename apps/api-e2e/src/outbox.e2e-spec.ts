import { Queue } from 'bullmq';
import { Client as PgClient } from 'pg';
import { EMAIL_QUEUE } from '@app/queue';
import {
  graphql,
  jsonLines,
  migratedDatabase,
  redisUrl,
  startApi,
  startSmtpCatcher,
  startTcpProxy,
  startWorker,
  testEnv,
  type CapturedMail,
  type RunningApi,
  type RunningProcess,
  type SmtpCatcher,
  type TcpProxy,
  type TestDatabase,
} from '@app/testing';

const SIGN_UP = 'mutation S($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } tenant { id } } }';
const ASK_VERIFICATION = 'mutation { requestEmailVerification }';
const INVITE = 'mutation I($i: InviteMemberInput!) { inviteMember(input: $i) { id } }';

interface SignedUp {
  accessToken: string;
  user: { id: string };
  tenant: { id: string };
}
interface OutboxRow {
  id: string;
  job_name: string;
  payload: unknown;
  attempts: number;
  last_error: string | null;
  published_at: Date | null;
  request_id: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isConfirm = (address: string) => (m: CapturedMail) => m.to.includes(address) && /Confirm/.test(m.subject);

/**
 * The transactional outbox end to end (ADR 008): API and worker processes,
 * real PostgreSQL, Redis (through a proxy the test can cut) and SMTP.
 */
describe('emails through the transactional outbox', () => {
  let db: TestDatabase;
  let smtp: SmtpCatcher;
  let proxy: TcpProxy;
  let pg: PgClient;
  let env: Record<string, string>;
  let api: RunningApi;
  let workers: RunningProcess[] = [];
  let n = 0;
  const email = (): string => `outbox${++n}.${Date.now()}@example.com`;

  async function signUp(address: string, requestId?: string): Promise<SignedUp> {
    const res = await graphql<{ signUp: SignedUp }>(
      api.url,
      SIGN_UP,
      { i: { email: address, password: 'correct horse battery staple', name: 'Ada', tenantName: 'Outbox Inc' } },
      requestId ? { 'x-request-id': requestId } : {},
    );
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { signUp: SignedUp }).signUp;
  }
  const rowsOf = async (requestId: string): Promise<OutboxRow[]> =>
    (await pg.query<OutboxRow>('SELECT * FROM outbox WHERE request_id = $1 ORDER BY job_name', [requestId])).rows;
  const worker = async (): Promise<RunningProcess> => {
    const w = await startWorker(env);
    workers.push(w);
    return w;
  };
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    const target = new URL(redisUrl());
    [db, smtp, proxy] = await Promise.all([
      migratedDatabase(),
      startSmtpCatcher(),
      startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) }),
    ]);
    env = testEnv({
      DATABASE_URL: db.appUrl,
      SMTP_URL: smtp.url,
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      APP_URL: 'https://app.example.com',
      OUTBOX_POLL_MS: '100',
      QUEUE_LOCK_DURATION_MS: '2000',
    });
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    api = await startApi(env);
  });
  afterEach(async () => {
    smtp.release();
    await proxy.restore().catch(() => undefined);
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    workers = [];
  });
  afterAll(async () => {
    await api.stop('SIGKILL');
    await Promise.all([pg.end(), smtp.close(), proxy.close()]);
    await db.drop();
  });

  it('commits the emails with the sign-up; with no worker running they wait, and go out once one starts', async () => {
    const address = email();
    const account = await signUp(address, 'outbox-waits');
    const invitee = email();
    const invited = await graphql(
      api.url,
      INVITE,
      { i: { email: invitee, role: 'ADMIN' } },
      {
        authorization: `Bearer ${account.accessToken}`,
      },
    );
    expect(invited.body.errors).toBeUndefined();
    const waiting = await rowsOf('outbox-waits');
    expect(waiting.map((r) => [r.job_name, r.published_at])).toEqual([
      ['verify-email', null],
      ['welcome', null],
    ]);
    await sleep(500);
    expect(mailsTo(address)).toHaveLength(0);

    const w = await worker();
    await smtp.waitFor((m) => m.to.includes(invitee) && /invited you/.test(m.subject));
    await smtp.waitFor((m) => m.to.includes(address) && /Welcome/.test(m.subject));
    await smtp.waitFor(isConfirm(address));
    const published = await rowsOf('outbox-waits');
    expect(published.every((r) => r.published_at !== null)).toBe(true);
    // The token the payload carried is not kept once the job exists.
    expect(published.map((r) => r.payload)).toEqual([null, null]);
    // The relay's and the processor's lines carry the request id of the sign-up.
    const jobLines = () => jsonLines(w.lines).filter((l) => published.some((r) => r.id === l['jobId']));
    for (let i = 0; i < 100 && jobLines().filter((l) => l['msg'] === 'job completed').length < 2; i++) await sleep(50);
    const lines = jobLines();
    expect(lines.map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['outbox job published', 'job started', 'email sent', 'job completed']),
    );
    for (const line of lines) expect(line['requestId']).toBe('outbox-waits');
  });

  it('succeeds while Redis is unreachable, and sends the email once Redis is back', async () => {
    await worker();
    const address = email();
    const account = await signUp(address);
    await smtp.waitFor(isConfirm(address));

    await proxy.cut();
    const res = await graphql(api.url, ASK_VERIFICATION, undefined, {
      authorization: `Bearer ${account.accessToken}`,
      'x-request-id': 'outbox-redis-down',
    });
    expect(res.body).toEqual({ data: { requestEmailVerification: true } });
    const invitee = email();
    const invited = await graphql(
      api.url,
      INVITE,
      { i: { email: invitee, role: 'MEMBER' } },
      {
        authorization: `Bearer ${account.accessToken}`,
      },
    );
    expect(invited.body.errors).toBeUndefined();
    // The relay cannot publish: the row stays, with its error, and is retried with backoff.
    for (let i = 0; i < 100 && ((await rowsOf('outbox-redis-down'))[0]?.attempts ?? 0) < 1; i++) await sleep(100);
    const [row] = await rowsOf('outbox-redis-down');
    expect(row).toMatchObject({ published_at: null, last_error: expect.any(String) });
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(mailsTo(address).filter(isConfirm(address))).toHaveLength(1);

    await proxy.restore();
    await smtp.waitFor((m) => m.to.includes(invitee) && /invited you/.test(m.subject), 30_000);
    await smtp.waitFor(
      (m) => isConfirm(address)(m) && mailsTo(address).filter(isConfirm(address)).length === 2,
      30_000,
    );
    expect((await rowsOf('outbox-redis-down'))[0]?.published_at).not.toBeNull();
  });

  it('sends the email of a job whose worker was killed mid-send exactly once, after a restart', async () => {
    const first = await worker();
    const address = email();
    const account = await signUp(address);
    await smtp.waitFor(isConfirm(address));

    smtp.hold();
    const held = smtp.holding();
    await graphql(api.url, ASK_VERIFICATION, undefined, { authorization: `Bearer ${account.accessToken}` });
    await held; // the worker is in the middle of sending
    await first.stop('SIGKILL');
    smtp.release(); // its connection is gone: that message was never delivered

    await worker();
    await smtp.waitFor(
      (m) => mailsTo(address).filter(isConfirm(address)).length === 2 && isConfirm(address)(m),
      30_000,
    );
    await sleep(3000); // longer than a lock: a second delivery would have happened by now
    expect(mailsTo(address).filter(isConfirm(address))).toHaveLength(2);
  });

  it('does not send again when a job whose email was recorded is delivered again', async () => {
    const w = await worker();
    const address = email();
    await signUp(address, 'outbox-redelivered');
    await smtp.waitFor(isConfirm(address));
    const welcome = (await rowsOf('outbox-redelivered')).find((r) => r.job_name === 'welcome');
    await smtp.waitFor((m) => m.to.includes(address) && /Welcome/.test(m.subject));

    // The same job again, as a repeated publish or a stalled redelivery would bring it.
    const queue = new Queue(EMAIL_QUEUE, { connection: { url: redisUrl() }, prefix: env['QUEUE_PREFIX'] });
    try {
      // Once the first run is over and its job removed (a job id still present would make the add a no-op).
      await w.waitForLine(new RegExp(`"jobId":"${welcome?.id ?? ''}".*"msg":"job completed"`));
      for (let i = 0; i < 100 && (await queue.getJob(welcome?.id ?? '')); i++) await sleep(50);
      await queue.add(
        'welcome',
        { meta: { requestId: 'outbox-redelivered' }, to: address, name: 'Ada', tenantName: 'Outbox Inc' },
        { jobId: welcome?.id },
      );
    } finally {
      await queue.close();
    }
    await w.waitForLine(/job already done; not repeated/);
    await sleep(500);
    expect(mailsTo(address).filter((m) => /Welcome/.test(m.subject))).toHaveLength(1);
  });

  it('with two workers relaying, every email goes out once', async () => {
    await Promise.all([worker(), worker()]);
    const addresses = Array.from({ length: 8 }, () => email());
    await Promise.all(addresses.map((a) => signUp(a)));
    for (const a of addresses) await smtp.waitFor(isConfirm(a));
    await sleep(1000);
    for (const a of addresses) expect(mailsTo(a)).toHaveLength(2);
    const published = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`);
    expect(published.rows[0]?.n).toBe('0');
  });
});
