#!/usr/bin/env node
// Usage:
//   node tools/lib/services-check.mjs url NAME        prints the URL in force for NAME
//   node tools/lib/services-check.mjs check NAME...   exits 0 when every named service answers
//   node tools/lib/services-check.mjs parse-db URL    prints PG_* shell assignments
//   node tools/lib/services-check.mjs wait SECONDS NAME...
// NAME is DATABASE_URL, MIGRATION_DATABASE_URL or REDIS_URL.
import { serviceUrl, redact } from './service-url.mjs';

const [, , cmd, ...args] = process.argv;

async function checkPostgres(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const res = await client.query('select current_setting($1) as v', ['server_version_num']);
    return { ok: true, detail: `PostgreSQL ${res.rows[0].v}` };
  } catch (err) {
    return { ok: false, detail: err.message || String(err.code || err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url) {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const info = await redis.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
    return { ok: true, detail: `Redis ${version}` };
  } catch (err) {
    return { ok: false, detail: err.message || String(err) };
  } finally {
    redis.disconnect();
  }
}

async function check(name) {
  const url = serviceUrl(name);
  if (name === 'DATABASE_URL' || name === 'MIGRATION_DATABASE_URL') return { url, ...(await checkPostgres(url)) };
  if (name === 'REDIS_URL') return { url, ...(await checkRedis(url)) };
  throw new Error(`unknown service ${name}`);
}

async function main() {
  if (cmd === 'url') {
    process.stdout.write(serviceUrl(args[0]));
    return 0;
  }
  if (cmd === 'parse-db') {
    const u = new URL(args[0]);
    const q = (s) => `'${decodeURIComponent(s).replace(/'/g, `'\\''`)}'`;
    process.stdout.write(
      [
        `PG_USER=${q(u.username)}`,
        `PG_PASSWORD=${q(u.password)}`,
        `PG_HOST=${q(u.hostname)}`,
        `PG_PORT=${q(u.port || '5432')}`,
        `PG_DB=${q(u.pathname.replace(/^\//, ''))}`,
      ].join('\n') + '\n',
    );
    return 0;
  }
  if (cmd === 'check' || cmd === 'wait') {
    const deadline = cmd === 'wait' ? Date.now() + Number(args.shift()) * 1000 : 0;
    for (;;) {
      const results = await Promise.all(args.map(async (name) => [name, await check(name)]));
      const failed = results.filter(([, r]) => !r.ok);
      if (failed.length === 0 || Date.now() >= deadline) {
        for (const [name, r] of results) {
          const line = `${name} ${redact(r.url)}: ${r.ok ? 'answers' : 'does not answer'} (${r.detail})`;
          process.stdout.write(`[services] ${line}\n`);
        }
        return failed.length === 0 ? 0 : 1;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  process.stderr.write('usage: services-check.mjs url|check|wait|parse-db ...\n');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[services] ${err.message}\n`);
    process.exit(2);
  },
);
