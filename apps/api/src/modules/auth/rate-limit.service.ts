import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import {
  InjectEnv,
  InjectRedis,
  LocalWindows,
  TooManyRequestsException,
  hitFixedWindow,
  type Env,
  type WindowHit,
} from '@app/core';
import { ipBucket } from '../../common/ip-bucket';
import { RATE_LIMIT_WINDOW_SECONDS } from './auth.constants';

export type LimitedAction = 'login' | 'password-reset' | 'reset-password' | 'accept-invitation' | 'sign-up';

/**
 * Fixed-window counters in Redis (so limits hold across API instances), per
 * 15 minutes. Per client (an IPv4 address, an IPv6 /64: ipBucket):
 * AUTH_RATE_LIMIT_PER_IP attempts (AUTH_RATE_LIMIT_SIGNUPS_PER_IP for
 * signUp). Per email: AUTH_RATE_LIMIT_PER_EMAIL attempts from one client, and
 * AUTH_RATE_LIMIT_PER_EMAIL_ALL_IPS from all clients together, so that
 * someone guessing a password from one network locks only themselves out, not
 * the account's owner elsewhere, while a distributed guess still meets a
 * ceiling. Over a limit: TOO_MANY_REQUESTS with the seconds to wait. A
 * successful login refunds its per-email attempts: only failures lock an account.
 *
 * Redis unreachable (down, or silent past REDIS_COMMAND_TIMEOUT_MS): the
 * same windows in this process, at half the limits (each instance counts
 * alone, so the fallback is stricter than the shared limit), with a warning
 * at most once a minute. Login, reset and accept keep working; none of them
 * answers INTERNAL_SERVER_ERROR because a counter could not be reached.
 */
@Injectable()
export class RateLimitService {
  private readonly local = new LocalWindows();
  private lastWarning = 0;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectEnv() private readonly env: Env,
    @InjectPinoLogger(RateLimitService.name) private readonly logger: PinoLogger,
  ) {}

  async consume(action: LimitedAction, ip: string, email?: string): Promise<void> {
    const client = ipBucket(ip);
    const perIp = action === 'sign-up' ? this.env.AUTH_RATE_LIMIT_SIGNUPS_PER_IP : this.env.AUTH_RATE_LIMIT_PER_IP;
    const checks: [string, number][] = [[`${this.prefix(action)}:ip:${client}`, perIp]];
    if (email) checks.push(...this.emailKeys(action, email, client));
    for (const [key, limit] of checks) {
      const shared = await hitFixedWindow(this.redis, key, RATE_LIMIT_WINDOW_SECONDS).catch((err: unknown) => {
        this.warnUnshared(err);
        return null;
      });
      const { count, ttl }: WindowHit = shared ?? this.local.hit(key, RATE_LIMIT_WINDOW_SECONDS);
      const allowed = shared ? limit : Math.max(1, Math.floor(limit / 2));
      if (count > allowed) throw new TooManyRequestsException(ttl);
    }
  }

  private warnUnshared(err: unknown): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn({ err }, 'auth rate limits counted in this process (half the limits): Redis unavailable');
  }

  /**
   * Gives back the per-email attempts of a successful sign-in, so that only
   * failures count against an account (the per-IP count stays).
   */
  async refund(action: LimitedAction, email: string, ip: string): Promise<void> {
    const keys = this.emailKeys(action, email, ipBucket(ip)).map(([key]) => key);
    // Never below zero, and never resurrect a key that expired meanwhile.
    await this.redis
      .eval(
        "for _, k in ipairs(KEYS) do if (tonumber(redis.call('GET', k) or '0') > 0) then redis.call('DECR', k) end end",
        keys.length,
        ...keys,
      )
      .catch(() => undefined);
  }

  private prefix(action: LimitedAction): string {
    return `${this.env.QUEUE_PREFIX}:rl:${action}`;
  }

  /** Hashed: bounded key size, and no email addresses lying around in Redis. */
  private emailKeys(action: LimitedAction, email: string, client: string): [string, number][] {
    const hashed = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return [
      [`${this.prefix(action)}:email-ip:${hashed}:${client}`, this.env.AUTH_RATE_LIMIT_PER_EMAIL],
      [`${this.prefix(action)}:email:${hashed}`, this.env.AUTH_RATE_LIMIT_PER_EMAIL_ALL_IPS],
    ];
  }
}
