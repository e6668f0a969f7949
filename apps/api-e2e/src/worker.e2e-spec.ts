import { Queue } from 'bullmq';
import { EMAIL_QUEUE, EmailJob, type PingJobData } from '@app/queue';
import {
  jsonLines,
  migratedDatabase,
  redisUrl,
  startWorker,
  testEnv,
  type RunningProcess,
  type TestDatabase,
} from '@app/testing';

describe('worker (built, real Redis)', () => {
  let env: Record<string, string>;
  let queue: Queue<PingJobData>;
  let running: RunningProcess[] = [];
  let db: TestDatabase;

  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  beforeEach(() => {
    env = testEnv({ DATABASE_URL: db.url });
    queue = new Queue<PingJobData>(EMAIL_QUEUE, {
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
    const job = await queue.add(EmailJob.PING, { meta: { requestId: 'abc-123', tenantId: 'tenant-1' } });
    const worker = await startWorker(env);
    running.push(worker);
    await worker.waitForLine(/"msg":"job completed"/);
    const finished = await queue.getJob(job.id ?? '');
    expect(await finished?.getState()).toBe('completed');
    expect(finished?.returnvalue).toEqual({ pong: true });

    const jobLines = jsonLines(worker.lines).filter((l) => l['jobId'] === job.id);
    expect(jobLines.map((l) => l['msg'])).toEqual(['job started', 'job completed']);
    for (const line of jobLines) {
      expect(line).toMatchObject({ requestId: 'abc-123', tenantId: 'tenant-1', app: 'worker' });
    }
  });

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
