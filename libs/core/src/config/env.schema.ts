import { z } from 'zod';

/**
 * The runtime contract's environment (shared/design/runtime-contract.md).
 * Defaults apply outside production only; production must set every value
 * that has no safe default.
 */
const NODE_ENVS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const pem = (kind: 'PRIVATE' | 'PUBLIC') =>
  z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n').trim())
    .refine(
      (v) => new RegExp(`^-----BEGIN (RSA )?${kind} KEY-----[\\s\\S]+-----END (RSA )?${kind} KEY-----$`).test(v),
      {
        message: `must be a PEM-encoded ${kind.toLowerCase()} key`,
      },
    );

const PUBLIC_PEM = /-----BEGIN (?:RSA )?PUBLIC KEY-----[\s\S]+?-----END (?:RSA )?PUBLIC KEY-----/g;
/** Zero or more PEM public keys, one after the other (verification-only keys during a rotation). */
const pemList = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n').trim())
  .refine((v) => v.replace(PUBLIC_PEM, '').trim() === '', {
    message: 'must be PEM-encoded public keys, one after the other',
  })
  .transform((v) => v.match(PUBLIC_PEM) ?? []);

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `must be between ${min} and ${max}` });
const port = integer(1, 65535);
const positiveInt = integer(1);

export const DEV_DEFAULTS = {
  PORT: '3000',
  HOST: '127.0.0.1',
  // The runtime role; the owner of the tables (MIGRATION_DATABASE_URL, .env) runs the migrations (ADR 013).
  DATABASE_URL: 'postgres://saas_app:saas_app@127.0.0.1:5432/saas',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  MAIL_FROM: 'no-reply@saas.localhost',
  APP_URL: 'http://localhost:3000',
  LOG_LEVEL: 'info',
  CORS_ORIGINS: 'http://localhost:3000,http://localhost:4200,http://localhost:5173',
  RATE_LIMIT_PER_MINUTE: '600',
  AUTH_RATE_LIMIT_PER_EMAIL: '10',
  AUTH_RATE_LIMIT_PER_IP: '100',
  AUTH_RATE_LIMIT_PER_EMAIL_ALL_IPS: '100',
  AUTH_RATE_LIMIT_SIGNUPS_PER_IP: '20',
  REFRESH_REUSE_GRACE_SECONDS: '10',
  DB_SLOW_QUERY_MS: '200',
  DB_STATEMENT_TIMEOUT_MS: '10000',
  REDIS_COMMAND_TIMEOUT_MS: '300',
  QUEUE_PREFIX: 'saas',
  OUTBOX_POLL_MS: '250',
  QUEUE_LOCK_DURATION_MS: '30000',
  GRAPHQL_MAX_DEPTH: '6',
  GRAPHQL_MAX_ALIASES: '15',
  GRAPHQL_MAX_DIRECTIVES: '50',
  GRAPHQL_MAX_TOKENS: '1000',
  GRAPHQL_MAX_COST: '5000',
  WS_MAX_SOCKETS_PER_USER: '10',
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '20',
  HTTP_MAX_BODY_BYTES: '102400',
  TRUST_PROXY: 'false',
  SHUTDOWN_DRAIN_MS: '0',
  METRICS_HOST: '127.0.0.1',
} as const;

/** Defaults that are safe in production too (everything else must be set there). */
export const PRODUCTION_DEFAULTS = {
  PORT: '3000',
  // Containers must listen on every interface; elsewhere loopback only.
  HOST: '0.0.0.0',
  LOG_LEVEL: 'info',
  // No cross-origin browser access unless the operator lists the origins.
  CORS_ORIGINS: '',
  RATE_LIMIT_PER_MINUTE: DEV_DEFAULTS.RATE_LIMIT_PER_MINUTE,
  AUTH_RATE_LIMIT_PER_EMAIL: DEV_DEFAULTS.AUTH_RATE_LIMIT_PER_EMAIL,
  AUTH_RATE_LIMIT_PER_IP: DEV_DEFAULTS.AUTH_RATE_LIMIT_PER_IP,
  AUTH_RATE_LIMIT_PER_EMAIL_ALL_IPS: DEV_DEFAULTS.AUTH_RATE_LIMIT_PER_EMAIL_ALL_IPS,
  AUTH_RATE_LIMIT_SIGNUPS_PER_IP: DEV_DEFAULTS.AUTH_RATE_LIMIT_SIGNUPS_PER_IP,
  REFRESH_REUSE_GRACE_SECONDS: DEV_DEFAULTS.REFRESH_REUSE_GRACE_SECONDS,
  DB_SLOW_QUERY_MS: DEV_DEFAULTS.DB_SLOW_QUERY_MS,
  DB_STATEMENT_TIMEOUT_MS: DEV_DEFAULTS.DB_STATEMENT_TIMEOUT_MS,
  REDIS_COMMAND_TIMEOUT_MS: DEV_DEFAULTS.REDIS_COMMAND_TIMEOUT_MS,
  QUEUE_PREFIX: DEV_DEFAULTS.QUEUE_PREFIX,
  OUTBOX_POLL_MS: DEV_DEFAULTS.OUTBOX_POLL_MS,
  QUEUE_LOCK_DURATION_MS: DEV_DEFAULTS.QUEUE_LOCK_DURATION_MS,
  GRAPHQL_MAX_DEPTH: DEV_DEFAULTS.GRAPHQL_MAX_DEPTH,
  GRAPHQL_MAX_ALIASES: DEV_DEFAULTS.GRAPHQL_MAX_ALIASES,
  GRAPHQL_MAX_DIRECTIVES: DEV_DEFAULTS.GRAPHQL_MAX_DIRECTIVES,
  GRAPHQL_MAX_TOKENS: DEV_DEFAULTS.GRAPHQL_MAX_TOKENS,
  GRAPHQL_MAX_COST: DEV_DEFAULTS.GRAPHQL_MAX_COST,
  WS_MAX_SOCKETS_PER_USER: DEV_DEFAULTS.WS_MAX_SOCKETS_PER_USER,
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: DEV_DEFAULTS.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
  HTTP_MAX_BODY_BYTES: DEV_DEFAULTS.HTTP_MAX_BODY_BYTES,
  TRUST_PROXY: DEV_DEFAULTS.TRUST_PROXY,
  // Behind a load balancer: long enough for its health checks to see the 503.
  SHUTDOWN_DRAIN_MS: '5000',
  METRICS_HOST: DEV_DEFAULTS.METRICS_HOST,
} as const;

/** Variables production must set explicitly (no development default applies). */
export const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'APP_URL',
  'MAIL_FROM',
  'REDIS_URL',
  'SMTP_URL',
  'JWT_ACCESS_PRIVATE_KEY',
  'JWT_ACCESS_PUBLIC_KEY',
  'JWT_REFRESH_PRIVATE_KEY',
  'JWT_REFRESH_PUBLIC_KEY',
] as const;

export const envSchema = z.object({
  NODE_ENV: z.enum(NODE_ENVS),
  PORT: port,
  HOST: z.string().min(1),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  MIGRATION_DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']),
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().min(3),
  APP_URL: url(['http:', 'https:']),
  JWT_ACCESS_PRIVATE_KEY: pem('PRIVATE').optional(),
  JWT_ACCESS_PUBLIC_KEY: pem('PUBLIC').optional(),
  JWT_REFRESH_PRIVATE_KEY: pem('PRIVATE').optional(),
  JWT_REFRESH_PUBLIC_KEY: pem('PUBLIC').optional(),
  /** Also accepted when verifying (never used to sign): the other side of a key rotation (ADR 004). */
  JWT_ACCESS_EXTRA_PUBLIC_KEYS: pemList.optional(),
  JWT_REFRESH_EXTRA_PUBLIC_KEYS: pemList.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS),
  LOG_PRETTY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  CORS_ORIGINS: z.string(),
  RATE_LIMIT_PER_MINUTE: positiveInt,
  /** Auth attempts per 15 min: per email from one client, per client (IPv4 address, IPv6 /64), per email from all clients. */
  AUTH_RATE_LIMIT_PER_EMAIL: positiveInt,
  AUTH_RATE_LIMIT_PER_IP: positiveInt,
  AUTH_RATE_LIMIT_PER_EMAIL_ALL_IPS: positiveInt,
  /** signUp calls per client per 15 min. */
  AUTH_RATE_LIMIT_SIGNUPS_PER_IP: positiveInt,
  /** A refresh token presented again within this many seconds of its exchange is a retry, not a reuse (0: none). */
  REFRESH_REUSE_GRACE_SECONDS: integer(0, 60),
  /** Statements slower than this are logged at warn. */
  DB_SLOW_QUERY_MS: positiveInt,
  /** The apps' statement_timeout (the runtime role): a statement running longer is cancelled. */
  DB_STATEMENT_TIMEOUT_MS: integer(100, 3_600_000),
  /** A command to the apps' shared Redis client (sessions, limits, idempotency) fails after this long: never a hang. */
  REDIS_COMMAND_TIMEOUT_MS: integer(50, 60_000),
  /** How often each worker's outbox relay looks for jobs to publish when it found none. */
  OUTBOX_POLL_MS: integer(10, 60_000),
  /** A job's lock; a crashed worker's job is retried by another worker after about this long. */
  QUEUE_LOCK_DURATION_MS: integer(1000, 600_000),
  /** The queue dashboard (/admin/queues) is mounted only when both are set: never open without them. */
  QUEUE_DASHBOARD_USER: z.string().min(1).max(64).optional(),
  QUEUE_DASHBOARD_PASSWORD: z.string().min(12, { message: 'must be at least 12 characters' }).optional(),
  /** GraphQL abuse limits (graphql-armor + a list-aware cost): refused with GRAPHQL_VALIDATION_FAILED. */
  GRAPHQL_MAX_DEPTH: integer(1, 100),
  GRAPHQL_MAX_ALIASES: integer(0, 1000),
  GRAPHQL_MAX_DIRECTIVES: integer(0, 1000),
  GRAPHQL_MAX_TOKENS: integer(10, 1_000_000),
  GRAPHQL_MAX_COST: integer(1, 10_000_000),
  /** graphql-ws caps, per API instance: open sockets per user (more are closed with 1008), subscriptions per socket. */
  WS_MAX_SOCKETS_PER_USER: integer(1, 10_000),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: integer(1, 10_000),
  /** Largest JSON request body; bigger ones get 413. */
  HTTP_MAX_BODY_BYTES: integer(1024, 10 * 1024 * 1024),
  /** After SIGTERM, how long the API keeps serving with /health at 503 before it closes (rolling deploys). */
  SHUTDOWN_DRAIN_MS: integer(0, 120_000),
  /**
   * fastify's `trustProxy`: which X-Forwarded-For hops to believe for the
   * client IP (rate limits, audit). `false` (direct), `true` (all: only behind
   * a proxy that overwrites the header), a hop count, or addresses/subnets.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9A-Fa-f.:/, ]+|loopback|linklocal|uniquelocal)$/, {
      message: 'must be true, false, a hop count, or comma-separated addresses/subnets',
    })
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  /** /metrics needs `Authorization: Bearer <METRICS_TOKEN>` when set (in production it is the only way on the API's port). */
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  /** A port of its own for /metrics (no token), bound to METRICS_HOST: an internal address. */
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1),
  /** Prefix of every key the apps write to Redis: queues, sessions, rate limits (lets deployments or test files share one Redis). */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ or -' }),
});

export type Env = z.infer<typeof envSchema>;
export type NodeEnv = (typeof NODE_ENVS)[number];
