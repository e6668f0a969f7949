import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectEnv, InjectRedis, TooManyRequestsException, type Env } from '@app/core';
import { RATE_LIMIT_WINDOW_SECONDS } from './auth.constants';

export type LimitedAction = 'login' | 'password-reset' | 'reset-password' | 'accept-invitation';

/**
 * Fixed-window counters in Redis (so limits hold across API instances): per
 * email and per client IP, AUTH_RATE_LIMIT_PER_EMAIL / _PER_IP attempts per
 * 15 minutes. Over the limit: TOO_MANY_REQUESTS with the seconds to wait.
 */
@Injectable()
export class RateLimitService {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectEnv() private readonly env: Env,
  ) {}

  async consume(action: LimitedAction, ip: string, email?: string): Promise<void> {
    const prefix = `${this.env.QUEUE_PREFIX}:rl:${action}`;
    const checks: [string, number][] = [[`${prefix}:ip:${ip}`, this.env.AUTH_RATE_LIMIT_PER_IP]];
    // Hashed: bounded key size, and no email addresses lying around in Redis.
    if (email)
      checks.push([
        `${prefix}:email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`,
        this.env.AUTH_RATE_LIMIT_PER_EMAIL,
      ]);
    for (const [key, limit] of checks) {
      const results = (await this.redis
        .multi()
        .incr(key)
        .expire(key, RATE_LIMIT_WINDOW_SECONDS, 'NX')
        .ttl(key)
        .exec()) as [Error | null, number][];
      const count = results[0]?.[1] ?? 0;
      const ttl = results[2]?.[1] ?? RATE_LIMIT_WINDOW_SECONDS;
      if (count > limit) throw new TooManyRequestsException(Math.max(ttl, 1));
    }
  }
}
