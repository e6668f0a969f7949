import { BUILT_API, productionEnv, startApi, startNode, testEnv, type RunningApi } from '@app/testing';

const basic = (user: string, password: string): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('queue dashboard (bull-board at /admin/queues)', () => {
  let running: RunningApi[] = [];
  const start = async (env: Record<string, string>): Promise<RunningApi> => {
    const api = await startApi(env);
    running.push(api);
    return api;
  };
  afterEach(async () => {
    await Promise.all(running.map((a) => a.stop('SIGKILL')));
    running = [];
  });

  it('is not there at all without credentials, in development as in production', async () => {
    for (const env of [testEnv(), productionEnv()]) {
      const api = await start(env);
      expect((await fetch(`${api.url}/admin/queues`)).status).toBe(404);
      expect((await fetch(`${api.url}/admin/queues/api/queues`)).status).toBe(404);
    }
  });

  it('asks for the configured credentials, and then shows every queue', async () => {
    const api = await start(
      productionEnv({ QUEUE_DASHBOARD_USER: 'ops', QUEUE_DASHBOARD_PASSWORD: 'a long dashboard secret' }),
    );
    const anonymous = await fetch(`${api.url}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="queues", charset="UTF-8"');
    for (const headers of [basic('ops', 'wrong password here'), basic('root', 'a long dashboard secret')]) {
      expect((await fetch(`${api.url}/admin/queues/api/queues`, { headers })).status).toBe(401);
    }
    const auth = basic('ops', 'a long dashboard secret');
    const page = await fetch(`${api.url}/admin/queues`, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const queues = (await (await fetch(`${api.url}/admin/queues/api/queues`, { headers: auth })).json()) as {
      queues: { name: string }[];
    };
    expect(queues.queues.map((q) => q.name).sort()).toEqual(['email', 'maintenance']);
  });

  it('limits wrong credentials per client: past 10, even the right ones wait (429, Retry-After)', async () => {
    const api = await start(
      productionEnv({
        QUEUE_DASHBOARD_USER: 'ops',
        QUEUE_DASHBOARD_PASSWORD: 'a long dashboard secret',
        TRUST_PROXY: '1',
      }),
    );
    const get = (headers: Record<string, string>) => fetch(`${api.url}/admin/queues/api/queues`, { headers });
    const guesser = { 'x-forwarded-for': '203.0.113.9' };
    // Without credentials (a browser's first request) nothing is counted.
    for (let i = 0; i < 12; i++) expect((await get(guesser)).status).toBe(401);
    for (let i = 0; i < 10; i++)
      expect((await get({ ...guesser, ...basic('ops', `guess number ${i}`) })).status).toBe(401);
    const locked = await get({ ...guesser, ...basic('ops', 'a long dashboard secret') });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is not locked out.
    expect((await get({ 'x-forwarded-for': '198.51.100.4', ...basic('ops', 'a long dashboard secret') })).status).toBe(
      200,
    );
  });

  it('refuses to start with a short dashboard password', async () => {
    const api = startNode(BUILT_API, testEnv({ QUEUE_DASHBOARD_USER: 'ops', QUEUE_DASHBOARD_PASSWORD: 'short' }));
    expect(await api.exited).toBe(78);
    expect(api.lines.join('\n')).toContain('QUEUE_DASHBOARD_PASSWORD must be at least 12 characters');
  });
});
