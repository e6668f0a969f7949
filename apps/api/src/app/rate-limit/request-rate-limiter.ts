import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type Redis from 'ioredis';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ErrorCode, InjectEnv, InjectRedis, type Env } from '@app/core';
import { TokenService } from '../../modules/session';
import { ipBucket } from '../../common/ip-bucket';

export const REQUEST_WINDOW_SECONDS = 60;

export interface RateVerdict {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After) when refused. */
  retryAfter: number;
}

/**
 * The general limit on every GraphQL request (RATE_LIMIT_PER_MINUTE): per user
 * when the request carries a valid access token, else per client IP. Fixed
 * one-minute windows in Redis, so the limit holds across API instances. The
 * stricter per-email/per-IP limits of the auth operations come on top
 * (RateLimitService). Redis unreachable: requests pass (and a warning is
 * logged); the limit protects capacity, it is not a security boundary.
 */
@Injectable()
export class RequestRateLimiter {
  private lastWarning = 0;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectEnv() private readonly env: Env,
    private readonly tokens: TokenService,
    @InjectPinoLogger(RequestRateLimiter.name) private readonly logger: PinoLogger,
  ) {}

  /** Which bucket a request counts against: the verified user, else the client IP. */
  async subjectOf(req: Request): Promise<string> {
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      try {
        return `user:${(await this.tokens.verifyAccess(header.slice(7).trim())).sub}`;
      } catch {
        // A bad token counts against the IP (the guards refuse it later).
      }
    }
    return `ip:${ipBucket(req.ip)}`;
  }

  async consume(subject: string): Promise<RateVerdict> {
    const key = `${this.env.QUEUE_PREFIX}:rl:req:${subject}`;
    try {
      const results = (await this.redis.multi().incr(key).expire(key, REQUEST_WINDOW_SECONDS, 'NX').ttl(key).exec()) as
        [Error | null, number][] | null;
      const count = results?.[0]?.[1] ?? 0;
      const ttl = results?.[2]?.[1] ?? REQUEST_WINDOW_SECONDS;
      return { allowed: count <= this.env.RATE_LIMIT_PER_MINUTE, retryAfter: Math.max(ttl, 1) };
    } catch (err) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err }, 'request rate limit not applied: Redis unavailable');
      }
      return { allowed: true, retryAfter: 0 };
    }
  }

  /**
   * Express middleware, to be mounted with `use(GRAPHQL_PATH, …)` like Apollo
   * itself, so that Express's own matching (case-insensitive, a prefix:
   * `/GraphQL`, `/graphql/`, `/graphql/x`) decides what is counted: whatever
   * reaches GraphQL. 429 TOO_MANY_REQUESTS (GraphQL error shape, Retry-After) over the limit.
   */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.method === 'OPTIONS') {
        next();
        return;
      }
      this.subjectOf(req)
        .then((subject) => this.consume(subject))
        .then(({ allowed, retryAfter }) => {
          if (allowed) {
            next();
            return;
          }
          res.setHeader('Retry-After', String(retryAfter));
          res.status(429).json({
            errors: [
              {
                message: `Too many requests: try again in ${retryAfter} s`,
                extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfter },
              },
            ],
          });
        })
        .catch(next);
    };
  }
}
