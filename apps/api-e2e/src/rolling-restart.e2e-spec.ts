import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bearer,
  migratedDatabase,
  signUpOwner,
  startApi,
  testEnv,
  waitForHttp,
  type RunningApi,
  type TestDatabase,
  type TestSession,
} from '@app/testing';

const QUERY = JSON.stringify({ query: '{ products(paging: { first: 5 }) { totalCount edges { node { id } } } }' });

interface Backend {
  url: URL;
  healthy: boolean;
  served: number;
}

/**
 * A small loopback load balancer, as in production: round robin over the
 * backends whose /health answered 200 at the last check (every 100 ms), keep-
 * alive connections, no retries (a request that fails is a failed request).
 */
class Balancer {
  readonly backends: Backend[] = [];
  private server?: Server;
  private poller?: NodeJS.Timeout;
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 20 });

  add(url: string): void {
    this.backends.push({ url: new URL(url), healthy: true, served: 0 });
  }

  async start(): Promise<string> {
    this.poller = setInterval(() => void this.check(), 100);
    this.server = createServer((req, res) => {
      this.forward(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    clearInterval(this.poller);
    this.agent.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async check(): Promise<void> {
    await Promise.all(
      this.backends.map(async (b) => {
        try {
          const res = await fetch(new URL('/health', b.url), { signal: AbortSignal.timeout(500) });
          b.healthy = res.status === 200;
        } catch {
          b.healthy = false;
        }
      }),
    );
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const healthy = this.backends.filter((b) => b.healthy);
    const backend = healthy.at(this.next++ % Math.max(healthy.length, 1));
    if (!backend) {
      res.writeHead(503).end();
      return;
    }
    backend.served++;
    const upstream = request(
      {
        host: backend.url.hostname,
        port: backend.url.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: this.agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }
}

/**
 * A rolling restart under steady load: one of two API instances gets SIGTERM
 * (it drains: /health 503 while it keeps serving, then closes after the
 * requests in flight) and a new one takes its place. Not one request fails.
 */
describe('rolling restart behind a load balancer', () => {
  let db: TestDatabase;
  let apis: RunningApi[] = [];
  let balancer: Balancer;
  let owner: TestSession;

  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(async () => {
    await balancer.stop();
    await Promise.all(apis.map((a) => a.stop('SIGKILL')));
    await db.drop();
  });

  it('replaces an instance under load with zero failed requests', async () => {
    const env = testEnv({ DATABASE_URL: db.appUrl, SHUTDOWN_DRAIN_MS: '1000', RATE_LIMIT_PER_MINUTE: '1000000' });
    const [first, second] = await Promise.all([startApi(env), startApi(env)]);
    apis = [first, second];
    owner = await signUpOwner(first.url, 'Rolling Inc');
    balancer = new Balancer();
    balancer.add(first.url);
    balancer.add(second.url);
    const url = await balancer.start();

    let running = true;
    const outcomes = { ok: 0, failed: [] as string[] };
    const client = async (): Promise<void> => {
      while (running) {
        try {
          const res = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...bearer(owner) },
            body: QUERY,
          });
          const body = (await res.json()) as { errors?: unknown[] };
          if (res.status === 200 && !body.errors) outcomes.ok++;
          else outcomes.failed.push(`${res.status} ${JSON.stringify(body)}`);
        } catch (err) {
          outcomes.failed.push(String(err));
        }
      }
    };
    const clients = Array.from({ length: 4 }, () => client());

    let before = 0;
    let servedByFirst = 0;
    try {
      await new Promise((r) => setTimeout(r, 1000));
      before = outcomes.ok;
      const exited = first.stop('SIGTERM');
      // Draining: still answering, but /health says 503 so that the balancer moves on.
      const health = await waitForHttp(`${first.url}/health`, 503, 900);
      expect(await health.json()).toEqual({ status: 'shutting down' });
      const third = await startApi(env);
      apis.push(third);
      balancer.add(third.url);
      expect(await exited).toBe(0);
      servedByFirst = balancer.backends[0]?.served ?? 0;
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      running = false;
      await Promise.all(clients);
    }

    expect(outcomes.failed).toEqual([]);
    expect(before).toBeGreaterThan(20);
    expect(outcomes.ok).toBeGreaterThan(before);
    // The old instance served until it left; the new one took its share afterwards.
    expect(servedByFirst).toBeGreaterThan(0);
    expect(balancer.backends[0]?.served).toBe(servedByFirst);
    expect(balancer.backends[2]?.served).toBeGreaterThan(0);
    expect(first.lines.join('\n')).not.toMatch(/"level":"error"/);
  });
});
