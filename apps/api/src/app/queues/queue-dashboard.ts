import { createHash, timingSafeEqual } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { REDIS, hitFixedWindow, type Env } from '@app/core';
import { ipBucket } from '../../common/ip-bucket';
import { EMAIL_QUEUE, MAINTENANCE_QUEUE } from '@app/queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Wrong credentials a client may send per window before it must wait. */
export const DASHBOARD_MAX_FAILURES = 10;
const DASHBOARD_WINDOW_SECONDS = 15 * 60;

/**
 * HTTP Basic authentication against one user, compared in constant time.
 * Wrong credentials are counted per client (IPv4 address, IPv6 /64) in Redis,
 * across instances: past DASHBOARD_MAX_FAILURES in 15 minutes the client gets
 * 429 with Retry-After, even with the right password, until the window ends.
 * A request without credentials (a browser's first) is not counted.
 */
export function basicAuth(
  user: string,
  password: string,
  redis: Redis,
  keyPrefix: string,
): (req: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const expected = digest(`${user}:${password}`);
  const check = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const key = `${keyPrefix}:rl:dashboard:ip:${ipBucket(req.ip)}`;
    const header = req.headers.authorization;
    const [count, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
    if (Number(count ?? 0) >= DASHBOARD_MAX_FAILURES) {
      void reply
        .header('Retry-After', String(Math.max(ttl, 1)))
        .status(429)
        .type('text/plain')
        .send('Too many failed attempts; try again later');
      return;
    }
    const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(header ?? '');
    const given = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    if (given && timingSafeEqual(digest(given), expected)) return;
    if (header !== undefined) {
      await hitFixedWindow(redis, key, DASHBOARD_WINDOW_SECONDS);
    }
    void reply
      .header('WWW-Authenticate', 'Basic realm="queues", charset="UTF-8"')
      .status(401)
      .type('text/plain')
      .send('Authentication required');
  };
  return async (req, reply) => {
    try {
      await check(req, reply);
    } catch {
      // Redis down: refuse (this is a security boundary, unlike the request limit).
      void reply.status(503).type('text/plain').send('Dashboard unavailable');
    }
  };
}

/**
 * bull-board at /admin/queues: jobs of every queue, failed ones with their
 * error, retry and clean. Mounted only when QUEUE_DASHBOARD_USER and
 * QUEUE_DASHBOARD_PASSWORD are both set (in any environment), behind Basic
 * authentication with an attempt limit: never open without credentials. It
 * belongs behind the operator's network too (it can retry and delete jobs).
 * Returns whether it is on.
 */
export async function mountQueueDashboard(app: NestFastifyApplication, env: Env): Promise<boolean> {
  const user = env.QUEUE_DASHBOARD_USER;
  const password = env.QUEUE_DASHBOARD_PASSWORD;
  if (!user || !password) return false;
  const queues = [EMAIL_QUEUE, MAINTENANCE_QUEUE].map((name) => app.get<Queue>(getQueueToken(name)));
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const guard = basicAuth(user, password, app.get<Redis>(REDIS), env.QUEUE_PREFIX);
  // Its own encapsulated scope: the guard runs before every route of the dashboard, and only there.
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', guard);
    await scope.register(adapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
  return true;
}
