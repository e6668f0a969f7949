import { Queue, type Job } from 'bullmq';
import { Client as PgClient } from 'pg';
import { EMAIL_QUEUE, EmailJob, type EmailJobData } from '@app/queue';
import {
  freePort,
  jsonLines,
  migratedDatabase,
  redisUrl,
  startWorker,
  testEnv,
  type RunningProcess,
  type TestDatabase,
} from '@app/testing';

/** Jobs carry the tenant's id as the API writes it: a UUID (the worker's database scope refuses anything else). */
const TENANT_ID = '5b0e7c1a-0000-4000-8000-0000000000e1';
describe('worker (built, real Redis)', () => {
  let env: Record<string, string>;
  let queue: Queue<EmailJobData>;
  let running: RunningProcess[] = [];
  let db: TestDatabase;

  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  beforeEach(() => {
    env = testEnv({ DATABASE_URL: db.appUrl });
    queue = new Queue<EmailJobData>(EMAIL_QUEUE, {
      connection: { url: redisUrl() },
      prefix: env['QUEUE_PREFIX'],
    });
  });
  afterEach(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    running = [];
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('processes a job that was enqueued while it was stopped, logging the job’s requestId and tenantId', async () => {
    const job = await queue.add(EmailJob.PING, { meta: { requestId: 'abc-123', tenantId: TENANT_ID } });
    const worker = await startWorker(env);
    running.push(worker);
    await worker.waitForLine(/"msg":"job completed"/);
    const finished = await queue.getJob(job.id ?? '');
    expect(await finished?.getState()).toBe('completed');
    expect(finished?.returnvalue).toEqual({ pong: true });

    const jobLines = jsonLines(worker.lines).filter((l) => l['jobId'] === job.id);
    expect(jobLines.map((l) => l['msg'])).toEqual(['job started', 'job completed']);
    for (const line of jobLines) {
      expect(line).toMatchObject({ requestId: 'abc-123', tenantId: TENANT_ID, app: 'worker' });
    }
  });

  it('retries a failing email with backoff, then keeps it in the failed set with its error but not its token', async () => {
    const port = await freePort(); // nothing listens there: every send fails
    const worker = await startWorker({ ...env, SMTP_URL: `smtp://127.0.0.1:${port}` });
    running.push(worker);
    // Through the outbox, as the API writes it: the relay publishes it with the queues' retry policy.
    const pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    const payload = {
      meta: { requestId: 'failing-1', tenantId: TENANT_ID },
      to: 'nobody@example.com',
      name: 'Nobody',
      token: 'single-use-reset-token-0123456789',
    };
    const inserted = await pg.query<{ id: string }>(
      `INSERT INTO outbox (queue, job_name, payload, request_id) VALUES ('email', 'password-reset', $1, 'failing-1') RETURNING id`,
      [JSON.stringify(payload)],
    );
    await pg.end();
    const jobId = inserted.rows[0]?.id ?? '';
    let job: Job<EmailJobData> | undefined;
    for (let i = 0; i < 100 && !job; i++) {
      job = await queue.getJob(jobId);
      if (!job) await new Promise((r) => setTimeout(r, 100));
    }
    if (!job) throw new Error('the relay did not publish the job');
    // 5 attempts, 1 + 2 + 4 + 8 s apart.
    for (let i = 0; i < 300 && (await job.getState()) !== 'failed'; i++) await new Promise((r) => setTimeout(r, 100));
    const failed = await queue.getJob(job.id ?? '');
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.attemptsMade).toBe(5);
    expect(failed?.failedReason).toMatch(/ECONNREFUSED/);
    // What the failed set (and the dashboard) keeps: the recipient and the error, not the token; and not forever.
    expect(failed?.data).toMatchObject({ to: 'nobody@example.com', meta: { requestId: 'failing-1' } });
    expect(JSON.stringify(failed?.data)).not.toContain('single-use-reset-token');
    expect(failed?.opts.removeOnFail).toEqual({ age: expect.any(Number) });
    const starts = jsonLines(worker.lines).filter((l) => l['jobId'] === job.id && l['msg'] === 'job started');
    expect(starts.map((l) => l['attempt'])).toEqual([1, 2, 3, 4, 5]);
    for (const line of starts) expect(line).toMatchObject({ requestId: 'failing-1', tenantId: TENANT_ID });
  }, 60_000);

  it('lets the active job finish on SIGTERM, then exits 0', async () => {
    const worker = await startWorker(env);
    running.push(worker);
    const job = await queue.add(EmailJob.PING, { meta: { requestId: 'slow-1' }, workMs: 1500 });
    await worker.waitForLine(/"msg":"job started"/);
    const exit = worker.stop('SIGTERM');
    expect(await exit).toBe(0);
    const completed = jsonLines(worker.lines).find((l) => l['msg'] === 'job completed' && l['jobId'] === job.id);
    expect(completed).toMatchObject({ requestId: 'slow-1' });
    expect(await job.getState()).toBe('completed');
  });
});
