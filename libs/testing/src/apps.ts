import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { REPO_ROOT, freePort, startNode, waitForHttp, type RunningProcess } from './process';
import { appRoleDatabaseUrl, createTestDatabase, uniqueQueuePrefix, type TestDatabase } from './database';

export const BUILT_API = join(REPO_ROOT, 'dist/apps/api/main.js');
export const BUILT_WORKER = join(REPO_ROOT, 'dist/apps/worker/main.js');
export const BUILT_MIGRATE = join(REPO_ROOT, 'dist/apps/api/migrate.js');

export function redisUrl(): string {
  return process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
}

function rsaPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** Fresh RS256 key pairs for access and refresh tokens. */
export function jwtKeys(): Record<string, string> {
  const access = rsaPair();
  const refresh = rsaPair();
  return {
    JWT_ACCESS_PRIVATE_KEY: access.privateKey,
    JWT_ACCESS_PUBLIC_KEY: access.publicKey,
    JWT_REFRESH_PRIVATE_KEY: refresh.privateKey,
    JWT_REFRESH_PUBLIC_KEY: refresh.publicKey,
  };
}

/** The environment of a test app: test mode, this machine's services, a private queue prefix, fresh keys. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATABASE_URL: appRoleDatabaseUrl(),
    REDIS_URL: redisUrl(),
    QUEUE_PREFIX: uniqueQueuePrefix(),
    // Test files sign up many users from this one address; the sign-up limit has a test of its own.
    AUTH_RATE_LIMIT_SIGNUPS_PER_IP: '100000',
    ...jwtKeys(),
    ...overrides,
  };
}

/** A new database with every migration applied by the built entry point (as operators run it). */
export async function migratedDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  const migrate = startNode(BUILT_MIGRATE, testEnv({ MIGRATION_DATABASE_URL: db.url, DATABASE_URL: db.appUrl }));
  const code = await migrate.exited;
  if (code !== 0) throw new Error(`migrate.js exited ${String(code)}:\n${migrate.lines.join('\n')}`);
  return db;
}

export interface RunningApi extends RunningProcess {
  url: string;
}

/** Starts the built API (dist/apps/api/main.js) on a free port and waits for /health. */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const proc = startNode(BUILT_API, { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health`);
  } catch (err) {
    await proc.stop('SIGKILL');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${proc.lines.join('\n')}`);
  }
  return Object.assign(proc, { url });
}

/** Starts the built worker and waits until it says it started. */
export async function startWorker(env: Record<string, string>): Promise<RunningProcess> {
  const proc = startNode(BUILT_WORKER, env);
  await proc.waitForLine(/worker started/);
  return proc;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[] };
}

/** POSTs a GraphQL operation as Apollo Client would. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse<T>['body'] };
}

/** A complete production environment (fresh RS256 keys, this machine's services). */
export function productionEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return testEnv({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    SMTP_URL: 'smtp://127.0.0.1:1025',
    APP_URL: 'https://app.example.com',
    MAIL_FROM: 'no-reply@example.com',
    ...overrides,
  });
}
