import {
  BUILT_API,
  freePort,
  startNode,
  migratedDatabase,
  productionEnv,
  startApi,
  type RunningApi,
  type TestDatabase,
} from '@app/testing';

const TOKEN = 'metrics-token-0123456789abcdef';

/**
 * /metrics in production (runtime contract): never open on the API's port;
 * `Authorization: Bearer <METRICS_TOKEN>` there, or METRICS_PORT on an
 * internal address.
 */
describe('metrics access in production', () => {
  let db: TestDatabase;
  const running: RunningApi[] = [];

  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(async () => {
    await Promise.all(running.map((a) => a.stop('SIGKILL')));
    await db.drop();
  });
  const start = async (overrides: Record<string, string>): Promise<RunningApi> => {
    const api = await startApi(productionEnv({ DATABASE_URL: db.appUrl, ...overrides }));
    running.push(api);
    return api;
  };

  it('without METRICS_TOKEN or METRICS_PORT: /metrics is not served, and start-up says how to turn it on', async () => {
    const api = await start({});
    const res = await fetch(`${api.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('process_cpu_seconds_total');
    expect(api.lines.join('\n')).toMatch(/metrics are not served: set METRICS_TOKEN .* or METRICS_PORT/);
  });

  it('with METRICS_TOKEN: only the right Bearer token scrapes', async () => {
    const api = await start({ METRICS_TOKEN: TOKEN });
    const none = await fetch(`${api.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain('process_cpu_seconds_total');
    const wrong = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('process_cpu_seconds_total');
  });

  it('with METRICS_PORT: served on that internal port, and still not on the public one', async () => {
    const port = await freePort();
    const api = await start({ METRICS_PORT: String(port), METRICS_HOST: '127.0.0.1' });
    const internal = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(internal.status).toBe(200);
    expect(internal.headers.get('content-type')).toContain('text/plain');
    expect(await internal.text()).toMatch(/queue_jobs\{queue="email",state="waiting"\} \d+/);
    expect((await fetch(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    expect((await fetch(`${api.url}/metrics`)).status).toBe(404);
  });

  it('refuses a METRICS_TOKEN too short to be a secret', async () => {
    const api = startNode(BUILT_API, productionEnv({ DATABASE_URL: db.appUrl, METRICS_TOKEN: 'short' }));
    expect(await api.exited).toBe(78);
    expect(api.lines.join('\n')).toContain('METRICS_TOKEN must be at least 16 characters');
  });
});
