import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  BUILT_API,
  BUILT_WORKER,
  freePort,
  migratedDatabase,
  startApi,
  startNode,
  startWorker,
  testEnv,
  waitForHttp,
  type RunningProcess,
} from '@app/testing';

describe('built applications', () => {
  let running: RunningProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    running = [];
  });

  it('has both entry points in dist/', () => {
    expect(existsSync(BUILT_API)).toBe(true);
    expect(existsSync(BUILT_WORKER)).toBe(true);
  });

  it('GET /health is 200 with PostgreSQL and Redis up', async () => {
    const api = await startApi(testEnv());
    running.push(api);
    const res = await fetch(`${api.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('GET /health is 503 naming Redis when Redis is unreachable', async () => {
    const [port, deadPort] = [await freePort(), await freePort()];
    const api = startNode(BUILT_API, testEnv({ PORT: String(port), REDIS_URL: `redis://127.0.0.1:${deadPort}` }));
    running.push(api);
    const res = await waitForHttp(`http://127.0.0.1:${port}/health`, 503);
    expect(await res.json()).toMatchObject({
      status: 'error',
      error: { redis: { status: 'down' } },
      details: { redis: { status: 'down' }, database: { status: 'up' } },
    });
  });

  it('GET /meta tells version, environment and uptime', async () => {
    const api = await startApi(testEnv());
    running.push(api);
    const body = (await (await fetch(`${api.url}/meta`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'saas-api',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      environment: 'test',
    });
    expect(typeof body['uptimeSeconds']).toBe('number');
  });

  it('GET /metrics serves Prometheus text with HTTP, GraphQL, queue and process metrics', async () => {
    const api = await startApi(testEnv());
    running.push(api);
    await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Version { apiVersion }', operationName: 'Version' }),
    });
    await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    const res = await fetch(`${api.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/graphql",status_code="200"\} [1-9]/,
    );
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation="Version",type="query"\} 1/);
    expect(text).toMatch(/graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} 1/);
    expect(text).toMatch(/queue_jobs\{queue="email",state="waiting"\} 0/);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('on a taken port: one line naming the port and PORT, exit code 1, no stack trace', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((r) =>
      blocker.listen(port, '127.0.0.1', () => {
        r();
      }),
    );
    try {
      const api = startNode(BUILT_API, testEnv({ PORT: String(port) }));
      running.push(api);
      expect(await api.exited).toBe(1);
      expect(api.lines).toEqual([
        expect.stringMatching(new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use.*set PORT`)),
      ]);
    } finally {
      blocker.close();
    }
  });

  it('stops with exit code 78 naming a malformed variable, without a stack trace', async () => {
    const api = startNode(BUILT_API, testEnv({ PORT: 'not-a-port' }));
    running.push(api);
    expect(await api.exited).toBe(78);
    const output = api.lines.join('\n');
    expect(output).toContain('PORT must be a whole number');
    expect(output).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('refuses to start in production without the JWT keys, naming each missing one', async () => {
    const api = startNode(
      BUILT_API,
      testEnv({
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://127.0.0.1:1025',
        APP_URL: 'https://app.example.com',
        MAIL_FROM: 'no-reply@example.com',
        JWT_ACCESS_PRIVATE_KEY: '',
        JWT_ACCESS_PUBLIC_KEY: '',
        JWT_REFRESH_PRIVATE_KEY: '',
        JWT_REFRESH_PUBLIC_KEY: '',
      }),
    );
    running.push(api);
    expect(await api.exited).not.toBe(0);
    const output = api.lines.join('\n');
    for (const key of [
      'JWT_ACCESS_PRIVATE_KEY',
      'JWT_ACCESS_PUBLIC_KEY',
      'JWT_REFRESH_PRIVATE_KEY',
      'JWT_REFRESH_PUBLIC_KEY',
    ]) {
      expect(output).toContain(`${key} is required in production`);
    }
    expect(output).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('on SIGTERM the API closes (keep-alive connections included) and exits 0 within 10 s', async () => {
    const api = await startApi(testEnv());
    running.push(api);
    // fetch keeps the connection alive after this answer.
    expect((await fetch(`${api.url}/meta`)).status).toBe(200);
    const started = Date.now();
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(fetch(`${api.url}/meta`)).rejects.toThrow();
  });

  it('starts the worker and stops it cleanly on SIGTERM', async () => {
    const db = await migratedDatabase();
    try {
      const worker = await startWorker(testEnv({ DATABASE_URL: db.appUrl }));
      running.push(worker);
      expect(await worker.stop('SIGTERM')).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
