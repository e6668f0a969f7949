import { createHash, timingSafeEqual } from 'node:crypto';
import type { Env } from '@app/core';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'not-here';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Who may scrape /metrics on the API's own port (runtime contract): with
 * METRICS_TOKEN set, only `Authorization: Bearer <token>` (compared in
 * constant time), in every environment. Without it: open outside production;
 * in production not served there at all (operation names, error counts and
 * queue depth are not for the public, and each scrape costs Redis calls):
 * METRICS_PORT serves it on an internal address instead.
 */
export function metricsAccess(env: Env, authorization: string | undefined): MetricsAccess {
  const token = env.METRICS_TOKEN;
  if (token) {
    const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    return given && timingSafeEqual(digest(given), digest(token)) ? 'allowed' : 'unauthorized';
  }
  return env.NODE_ENV === 'production' ? 'not-here' : 'allowed';
}
