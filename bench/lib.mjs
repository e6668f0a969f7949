// Shared by `yarn bench` (bench/run.mjs) and `yarn soak` (bench/soak.mjs): processes,
// the GraphQL client, a fresh production-mode environment, /proc readings, the report file.
import { spawn } from 'node:child_process';
import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The owner of the tables (creates the database, migrates, seeds with plain SQL) and the runtime role the API uses.
export const adminUrl = process.env.MIGRATION_DATABASE_URL ?? 'postgres://saas:saas@127.0.0.1:5432/saas';
export const appRoleUrl = process.env.DATABASE_URL ?? 'postgres://saas_app:saas_app@127.0.0.1:5432/saas';
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const logger = (tag) => (msg) => process.stdout.write(`[${tag}] ${msg}\n`);

export function keys() {
  const pair = () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  const a = pair();
  const r = pair();
  return {
    JWT_ACCESS_PRIVATE_KEY: a.privateKey,
    JWT_ACCESS_PUBLIC_KEY: a.publicKey,
    JWT_REFRESH_PRIVATE_KEY: r.privateKey,
    JWT_REFRESH_PUBLIC_KEY: r.publicKey,
  };
}

/**
 * Starts `script` on this Node. Its output is collected in `lines`, or, with
 * `logFile`, written to that file instead, as a container runtime does: a
 * measured server's log lines must not be read by the process that runs the
 * load generator (on 2 cores that reading slowed the API's side by ~10 %).
 */
export function start(script, env, nodeArgs = [], { logFile } = {}) {
  const lines = [];
  let stdio = ['ignore', 'pipe', 'pipe'];
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    const fd = openSync(logFile, 'w');
    stdio = ['ignore', fd, fd];
  }
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio,
  });
  if (logFile) {
    closeSync(stdio[1]);
  } else {
    let buffer = '';
    const collect = (chunk) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > 200_000) lines.splice(0, lines.length - 100_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
  }
  return { child, lines, logFile, exited: new Promise((r) => child.on('exit', r)) };
}

export async function waitFor(url) {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer`);
}

export async function gql(url, query, variables, token, requestId) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) the process has used so far, in ms. */
export function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** CPU time (user + system, ms) by pid of the running processes whose command is `command` (postgres, redis-server). */
export function cpuMsByPid(command) {
  const byPid = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== command) continue;
      const fields = stat.slice(close + 2).split(' ');
      byPid.set(entry, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return byPid;
}

/**
 * The CPU time the processes named `command` use from now on, backends that
 * start or end meanwhile included (a pool closes idle connections): `sample()`
 * often, `total()` at the end, in ms.
 */
export function cpuMeter(command) {
  const start = cpuMsByPid(command);
  const last = new Map(start);
  const sample = () => {
    for (const [pid, ms] of cpuMsByPid(command)) last.set(pid, ms);
  };
  return {
    sample,
    total() {
      sample();
      let ms = 0;
      for (const [pid, now] of last) ms += now - (start.get(pid) ?? 0);
      return ms;
    },
  };
}

/**
 * A new database and the environment of a production-mode API on loopback
 * (graphql-js and Express on their production paths), with the request limit
 * checked on every request but out of reach. `drop()` removes the database.
 */
export async function freshEnvironment(tag, logLevel = 'info') {
  const name = `${tag}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  const appUrl = new URL(appRoleUrl);
  appUrl.pathname = `/${name}`;
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    APP_URL: 'http://127.0.0.1:3101',
    SMTP_URL: 'smtp://127.0.0.1:1025',
    MAIL_FROM: 'bench@example.com',
    DATABASE_URL: appUrl.toString(),
    MIGRATION_DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `${tag}-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: logLevel,
    AUTH_RATE_LIMIT_PER_IP: '1000',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...keys(),
  };
  const migrate = start('dist/apps/api/migrate.js', env);
  if ((await migrate.exited) !== 0) throw new Error(migrate.lines.join('\n'));
  return {
    name,
    env,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}

/** `tenants` owners signed up through the API, each with `products` products of 2 tags (plain SQL). */
export async function seedTenants(apiUrl, databaseUrl, tenants, products, emailPrefix = 'bench') {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const sessions = [];
  try {
    for (let t = 0; t < tenants; t++) {
      const data = await gql(
        apiUrl,
        'mutation S($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } tenant { id } } }',
        {
          i: {
            email: `${emailPrefix}${t}@example.com`,
            password: 'correct horse battery staple',
            name: `Owner ${t}`,
            tenantName: `Bench ${t}`,
          },
        },
      );
      const s = data.signUp;
      sessions.push(s);
      await db.query(
        `WITH t AS (INSERT INTO tags (tenant_id, name) VALUES ($1, 'red'), ($1, 'blue') RETURNING id),
              p AS (INSERT INTO products (tenant_id, owner_id, name, price, created_at)
                    SELECT $1, $2, 'product ' || i, (i % 500) + 0.99, now() - i * interval '1 second'
                    FROM generate_series(1, $3::int) AS i RETURNING id)
         INSERT INTO product_tags (product_id, tag_id, tenant_id) SELECT p.id, t.id, $1 FROM p CROSS JOIN t`,
        [s.tenant.id, s.user.id, products],
      );
    }
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
  return sessions;
}

/**
 * docs/benchmarks.md holds one section per tool, each starting with its own
 * "<!-- name -->" marker line: a run rewrites its section and keeps the others.
 */
export function writeReportSection(section, text) {
  const file = join(root, 'docs/benchmarks.md');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const parts = new Map();
  for (const chunk of existing.split(/^(?=<!-- \w+ -->$)/m)) {
    const m = /^<!-- (\w+) -->$/m.exec(chunk);
    if (m && chunk.startsWith('<!--')) parts.set(m[1], chunk.trimEnd());
  }
  parts.set(section, `<!-- ${section} -->\n${text.trimEnd()}`);
  const order = ['bench', 'soak', ...[...parts.keys()].filter((k) => k !== 'bench' && k !== 'soak')];
  writeFileSync(
    file,
    `${order
      .filter((k) => parts.has(k))
      .map((k) => parts.get(k))
      .join('\n\n')}\n`,
  );
}
