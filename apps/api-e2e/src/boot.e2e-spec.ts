import { REPO_ROOT, freePort, startNode, waitForHttp, type RunningProcess } from '@app/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The built entry points (`yarn build`), run with plain node as operators do.
const API = join(REPO_ROOT, 'dist/apps/api/main.js');
const WORKER = join(REPO_ROOT, 'dist/apps/worker/main.js');

const baseEnv = (): Record<string, string> => ({
  NODE_ENV: 'test',
  DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://saas:saas@127.0.0.1:5432/saas',
  REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
});

describe('built applications', () => {
  let running: RunningProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    running = [];
  });

  it('has both entry points in dist/', () => {
    expect(existsSync(API)).toBe(true);
    expect(existsSync(WORKER)).toBe(true);
  });

  it('starts the API on 127.0.0.1 and reports both dependencies up on GET /health', async () => {
    const port = await freePort();
    const api = startNode(API, { ...baseEnv(), PORT: String(port) });
    running.push(api);
    const res = await waitForHttp(`http://127.0.0.1:${port}/health`);
    expect(await res.json()).toEqual({
      status: 'ok',
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('answers 503 on GET /health and names Redis when Redis is unreachable', async () => {
    const [port, deadPort] = [await freePort(), await freePort()];
    const api = startNode(API, { ...baseEnv(), PORT: String(port), REDIS_URL: `redis://127.0.0.1:${deadPort}` });
    running.push(api);
    const res = await waitForHttp(`http://127.0.0.1:${port}/health`, 503);
    expect(await res.json()).toMatchObject({
      status: 'error',
      details: { redis: { status: 'down' }, database: { status: 'up' } },
    });
  });

  it('stops the API with a message naming a malformed variable, without a stack trace', async () => {
    const api = startNode(API, { ...baseEnv(), PORT: 'not-a-port' });
    running.push(api);
    expect(await api.exited).toBe(78);
    expect(api.lines.join('\n')).toContain('PORT must be a whole number');
    expect(api.lines.join('\n')).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });

  it('starts the worker and stops it cleanly on SIGTERM', async () => {
    const worker = startNode(WORKER, baseEnv());
    running.push(worker);
    await worker.waitForLine(/worker started/);
    expect(await worker.stop('SIGTERM')).toBe(0);
  });
});
