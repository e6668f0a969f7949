import { createHash, timingSafeEqual } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { Env } from '@app/core';
import { EMAIL_QUEUE, MAINTENANCE_QUEUE } from '@app/queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** HTTP Basic authentication against one user, compared in constant time. */
export function basicAuth(user: string, password: string): (req: Request, res: Response, next: NextFunction) => void {
  const expected = digest(`${user}:${password}`);
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(header);
    const given = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    if (given && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Basic realm="queues", charset="UTF-8"');
    res.status(401).type('text/plain').send('Authentication required');
  };
}

/**
 * bull-board at /admin/queues: jobs of every queue, failed ones with their
 * error, retry and clean. Mounted only when QUEUE_DASHBOARD_USER and
 * QUEUE_DASHBOARD_PASSWORD are both set (in any environment), behind Basic
 * authentication: never open without credentials. Returns whether it is on.
 */
export function mountQueueDashboard(app: INestApplication, env: Env): boolean {
  const user = env.QUEUE_DASHBOARD_USER;
  const password = env.QUEUE_DASHBOARD_PASSWORD;
  if (!user || !password) return false;
  const queues = [EMAIL_QUEUE, MAINTENANCE_QUEUE].map((name) => app.get<Queue>(getQueueToken(name)));
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  (app as NestExpressApplication).use(QUEUE_DASHBOARD_PATH, basicAuth(user, password), adapter.getRouter());
  return true;
}
