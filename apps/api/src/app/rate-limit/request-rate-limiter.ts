import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ErrorCode, InjectEnv, InjectRedis, hitFixedWindow, type Env } from '@app/core';
import { TokenService } from '../../modules/session';
import { ipBucket } from '../../common/ip-bucket';
import { GRAPHQL_PATH } from '../graphql/graphql-options';

export const REQUEST_WINDOW_SECONDS = 60;

/** `/graphql` and anything under it, whatever the case, with or without a query string. */
const GRAPHQL_PATHS = /^\/graphql(?:[/?#]|$)/i;

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
  async subjectOf(req: FastifyRequest): Promise<string> {
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
      const { count, ttl } = await hitFixedWindow(this.redis, key, REQUEST_WINDOW_SECONDS);
      return { allowed: count <= this.env.RATE_LIMIT_PER_MINUTE, retryAfter: ttl };
    } catch (err) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err }, 'request rate limit not applied: Redis unavailable');
      }
      return { allowed: true, retryAfter: 0 };
    }
  }

  /**
   * An onRequest hook on every path that reaches GraphQL or would under a
   * lenient router: `/graphql` in any case, with a trailing slash or more
   * segments (`/GraphQL`, `/graphql/`, `/graphql/x`), before the body is read.
   * 429 TOO_MANY_REQUESTS (GraphQL error shape, Retry-After) over the limit.
   */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (req, reply) => {
      if (req.method === 'OPTIONS') return;
      // The route fastify matched (whatever encoding led there), or a path that looks like it.
      if (req.routeOptions.url !== GRAPHQL_PATH && !GRAPHQL_PATHS.test(req.url)) return;
      const { allowed, retryAfter } = await this.consume(await this.subjectOf(req));
      if (allowed) return;
      void reply
        .header('Retry-After', String(retryAfter))
        .status(429)
        .send({
          errors: [
            {
              message: `Too many requests: try again in ${retryAfter} s`,
              extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfter },
            },
          ],
        });
    });
  }
}
