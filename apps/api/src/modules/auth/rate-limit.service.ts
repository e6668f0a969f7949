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
 * A successful login refunds its per-email attempt: only failures lock an account.
 */
@Injectable()
export class RateLimitService {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectEnv() private readonly env: Env,
  ) {}

  async consume(action: LimitedAction, ip: string, email?: string): Promise<void> {
    const checks: [string, number][] = [[`${this.prefix(action)}:ip:${ip}`, this.env.AUTH_RATE_LIMIT_PER_IP]];
    if (email) checks.push([this.emailKey(action, email), this.env.AUTH_RATE_LIMIT_PER_EMAIL]);
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

  /**
   * Gives back the per-email attempt of a successful sign-in, so that only
   * failures count against an account (the per-IP count stays).
   */
  async refund(action: LimitedAction, email: string): Promise<void> {
    const key = this.emailKey(action, email);
    // Never below zero, and never resurrect a key that expired meanwhile.
    await this.redis
      .eval("if (tonumber(redis.call('GET', KEYS[1]) or '0') > 0) then redis.call('DECR', KEYS[1]) end", 1, key)
      .catch(() => undefined);
  }

  private prefix(action: LimitedAction): string {
    return `${this.env.QUEUE_PREFIX}:rl:${action}`;
  }

  /** Hashed: bounded key size, and no email addresses lying around in Redis. */
  private emailKey(action: LimitedAction, email: string): string {
    return `${this.prefix(action)}:email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
  }
}
