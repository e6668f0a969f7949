#!/usr/bin/env node
// `yarn bench` (tools/bench.sh builds first): the API's hottest read against a raw
// fastify + pg baseline, on this machine, loopback only, bounded in time.
//   1. a fresh database, migrated by dist/apps/api/migrate.js, seeded with
//      10 tenants x 1,000 products x 2 tags;
//   2. the built API (auth, tenant scoping, row-level security, request logging on) and bench/raw-server.mjs;
//   3. autocannon, alternating API and raw, ROUNDS x SECONDS each: req/s, p50, p99;
//   4. SQL statements for a page of 5 and of 50 (the API's debug log), RSS under load.
// Writes the results and the machine to docs/benchmarks.md.
// Knobs: BENCH_SECONDS (10), BENCH_ROUNDS (2), BENCH_CONNECTIONS (10), BENCH_LOG_LEVEL (info).
import { cpus, totalmem, platform, release } from 'node:os';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  cpuMsOf,
  cpuMeter,
  freshEnvironment,
  gql,
  logger,
  root,
  rssOf,
  seedTenants,
  sleep,
  start,
  waitFor,
  writeReportSection,
} from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const log = logger('bench');

const QUERY = `{ products(paging: { first: 20 }) { totalCount edges { node { id name price owner { email } tags { name } } } } }`;

async function load(url, options, pid) {
  const cpuBefore = cpuMsOf(pid);
  const postgres = cpuMeter('postgres');
  const redis = cpuMeter('redis-server');
  let maxRss = 0;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssOf(pid));
    postgres.sample();
    redis.sample();
  }, 250);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options });
  clearInterval(sampler);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const requests = Math.max(1, result.requests.total);
  const cpuPerRequest = (cpuMsOf(pid) - cpuBefore) / requests;
  const pgPerRequest = postgres.total() / requests;
  const redisPerRequest = redis.total() / requests;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    maxRss,
    cpuPerRequest,
    pgPerRequest,
    redisPerRequest,
  };
}

/** The socket writes' natives: time in the write system calls (on 2 shared cores, mostly waiting for the CPU). */
const SOCKET_WRITES = new Set(['writeBuffer', 'writev', 'writeUtf8String', 'writeString', 'writeLatin1String']);

/**
 * Self time by package (node_modules/<name>, our code, Node internals, GC,
 * socket writes), largest first, over the samples taken between `fromMs` and
 * `toMs` before the profile's end (the load, not the start-up or the shutdown).
 */
function topOfProfile(dir, fromMs, toMs) {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const { nodes, samples, timeDeltas, startTime, endTime } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const where = (node) => {
    const { url, functionName } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return null;
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (SOCKET_WRITES.has(functionName)) return 'socket writes (system calls)';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    if (url.includes('dist/apps/api')) return 'our code (dist/apps/api)';
    if (url.startsWith('node:') || url === '') return 'Node.js internals';
    return url;
  };
  const from = endTime - fromMs * 1000;
  const to = endTime - toMs * 1000;
  const totals = new Map();
  let all = 0;
  let at = startTime;
  samples.forEach((id, i) => {
    const dt = timeDeltas[i] ?? 0;
    at += dt;
    if (at < from || at > to) return;
    const w = where(byId.get(id));
    if (!w) return;
    all += dt;
    totals.set(w, (totals.get(w) ?? 0) + dt);
  });
  return [...totals.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 15)
    .map(([w, t]) => [w, t / all]);
}

async function main() {
  const { name, env, drop } = await freshEnvironment('bench', process.env.BENCH_LOG_LEVEL ?? 'info');
  const running = [];
  try {
    log(`database ${name}: migrated`);
    // The measured servers log to files (tmp/bench/), as under a container runtime: see start().
    const api = start('dist/apps/api/main.js', { ...env, PORT: '3101' }, [], {
      logFile: join(root, 'tmp/bench/api.log'),
    });
    running.push(api);
    const apiUrl = 'http://127.0.0.1:3101';
    await waitFor(`${apiUrl}/health`);

    log('seeding 10 tenants x 1,000 products x 2 tags');
    const sessions = await seedTenants(apiUrl, env.MIGRATION_DATABASE_URL, 10, 1000);

    const raw = start('bench/raw-server.mjs', { DATABASE_URL: env.MIGRATION_DATABASE_URL, PORT: '3102' }, [], {
      logFile: join(root, 'tmp/bench/raw.log'),
    });
    running.push(raw);
    const rawUrl = 'http://127.0.0.1:3102';
    await waitFor(`${rawUrl}/products?tenant=${sessions[0].tenant.id}`);

    // Same answer from both (the check that the baseline does the same work).
    const viaApi = await gql(apiUrl, QUERY, undefined, sessions[0].accessToken);
    const viaRaw = await (await fetch(`${rawUrl}/products?tenant=${sessions[0].tenant.id}`)).json();
    const strip = (d) => d.products.edges.map((e) => ({ ...e.node, tags: e.node.tags.map((x) => x.name).sort() }));
    if (
      JSON.stringify(strip(viaApi)) !== JSON.stringify(strip(viaRaw.data)) ||
      viaApi.products.totalCount !== viaRaw.data.products.totalCount
    ) {
      throw new Error('the API and the raw baseline disagree on the page');
    }

    const apiRequest = (i) => ({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sessions[i % 10].accessToken}` },
      body: JSON.stringify({ query: QUERY }),
    });
    const apiOptions = { requests: Array.from({ length: 10 }, (_, i) => apiRequest(i)) };
    const rawOptions = {
      requests: Array.from({ length: 10 }, (_, i) => ({
        method: 'GET',
        path: `/products?tenant=${sessions[i].tenant.id}`,
      })),
    };

    log(`warming up, then ${ROUNDS} rounds of ${SECONDS} s each, alternating (${CONNECTIONS} connections)`);
    await autocannon({ url: apiUrl, connections: CONNECTIONS, duration: 3, ...apiOptions });
    await autocannon({ url: rawUrl, connections: CONNECTIONS, duration: 3, ...rawOptions });
    const apiRuns = [];
    const rawRuns = [];
    for (let r = 0; r < ROUNDS; r++) {
      apiRuns.push(await load(apiUrl, apiOptions, api.child.pid));
      log(`round ${r + 1} api: ${apiRuns.at(-1).rps.toFixed(0)} req/s`);
      rawRuns.push(await load(rawUrl, rawOptions, raw.child.pid));
      log(`round ${r + 1} raw: ${rawRuns.at(-1).rps.toFixed(0)} req/s`);
    }
    const avg = (runs, k) => runs.reduce((s, x) => s + x[k], 0) / runs.length;
    const max = (runs, k) => Math.max(...runs.map((x) => x[k]));
    const a = {
      rps: avg(apiRuns, 'rps'),
      p50: avg(apiRuns, 'p50'),
      p99: avg(apiRuns, 'p99'),
      rss: max(apiRuns, 'maxRss'),
      cpu: avg(apiRuns, 'cpuPerRequest'),
      pg: avg(apiRuns, 'pgPerRequest'),
      redis: avg(apiRuns, 'redisPerRequest'),
    };
    const b = {
      rps: avg(rawRuns, 'rps'),
      p50: avg(rawRuns, 'p50'),
      p99: avg(rawRuns, 'p99'),
      rss: max(rawRuns, 'maxRss'),
      cpu: avg(rawRuns, 'cpuPerRequest'),
      pg: avg(rawRuns, 'pgPerRequest'),
      redis: avg(rawRuns, 'redisPerRequest'),
    };

    // Statements per page: an API at debug level logs each one with the request id.
    api.child.kill('SIGTERM');
    await api.exited;
    running.splice(running.indexOf(api), 1);

    // Where the time goes: another API instance under the same load with the CPU
    // profiler on (not the measured one: the profiler costs time of its own).
    const profileDir = join(root, 'tmp/bench-profile');
    rmSync(profileDir, { recursive: true, force: true });
    const profiled = start(
      'dist/apps/api/main.js',
      { ...env, PORT: '3104' },
      ['--cpu-prof', '--cpu-prof-dir', profileDir],
      { logFile: join(root, 'tmp/bench/api-profiled.log') },
    );
    running.push(profiled);
    await waitFor('http://127.0.0.1:3104/health');
    await autocannon({ url: 'http://127.0.0.1:3104', connections: CONNECTIONS, duration: 3, ...apiOptions });
    const loadStart = Date.now();
    await autocannon({ url: 'http://127.0.0.1:3104', connections: CONNECTIONS, duration: SECONDS, ...apiOptions });
    const loadEnd = Date.now();
    profiled.child.kill('SIGTERM');
    await profiled.exited;
    const exitedAt = Date.now();
    running.splice(running.indexOf(profiled), 1);
    const profile = topOfProfile(profileDir, exitedAt - loadStart, exitedAt - loadEnd);

    const debugApi = start('dist/apps/api/main.js', { ...env, PORT: '3103', LOG_LEVEL: 'debug' });
    running.push(debugApi);
    await waitFor('http://127.0.0.1:3103/health');
    const pageOf = (n) => QUERY.replace('first: 20', `first: ${n}`);
    await gql('http://127.0.0.1:3103', pageOf(1), undefined, sessions[0].accessToken, 'bench-warm');
    await gql('http://127.0.0.1:3103', pageOf(5), undefined, sessions[0].accessToken, 'bench-5');
    await gql('http://127.0.0.1:3103', pageOf(50), undefined, sessions[0].accessToken, 'bench-50');
    await sleep(500);
    const statements = (id) =>
      debugApi.lines.filter((l) => l.includes(`"requestId":"${id}"`) && l.includes('"sql"')).length;
    const s5 = statements('bench-5');
    const s50 = statements('bench-50');

    const ratio = a.rps / b.rps;
    const cpu = cpus()[0]?.model ?? 'unknown';
    const report = `# Benchmarks

Written by \`yarn bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. Loopback only;
${ROUNDS} alternating rounds of ${SECONDS} s per side after a 3 s warm-up, ${CONNECTIONS} connections (autocannon).

Machine: ${cpus().length} x ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version};
PostgreSQL and Redis on the same machine.

## A page of products (the API's hottest path)

\`${QUERY}\` with a valid token (auth guard, session check, tenant scoping,
row-level security as the runtime role, request logging on), against a raw
fastify + pg server doing the same SQL work (page, COUNT, owners, tags: 4 statements, two at a
time) without GraphQL, auth, logging or row-level security (as the table owner). The API reads
the COUNT and the owners in the page's statement when they are selected (2 statements). Data: 10 tenants x
1,000 products x 2 tags; requests spread over the 10 tenants.

| | req/s | p50 (ms) | p99 (ms) | max RSS under load (MiB) | CPU per request (ms) | PostgreSQL CPU per request (ms) | Redis CPU per request (ms) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| API (NestJS + fastify + Mercurius) | ${a.rps.toFixed(0)} | ${a.p50.toFixed(1)} | ${a.p99.toFixed(1)} | ${a.rss.toFixed(0)} | ${a.cpu.toFixed(2)} | ${a.pg.toFixed(2)} | ${a.redis.toFixed(2)} |
| raw fastify + pg | ${b.rps.toFixed(0)} | ${b.p50.toFixed(1)} | ${b.p99.toFixed(1)} | ${b.rss.toFixed(0)} | ${b.cpu.toFixed(2)} | ${b.pg.toFixed(2)} | ${b.redis.toFixed(2)} |
| ratio API / raw | ${ratio.toFixed(2)} | | ${(a.p99 / b.p99).toFixed(2)} | | ${(a.cpu / b.cpu).toFixed(2)} | ${(a.pg / b.pg).toFixed(2)} | |

CPU per request: the server process's own user + system time divided by the
requests it answered; PostgreSQL's (every backend: the page's statements, the
row-level security policies) and Redis's the same way, measured over the same
load. The load generator's is in none of them; on 2 cores all of them share
the machine, so the API's throughput falls with any of the three.

Targets: the engine issue, ratio >= 0.45 and API p99 <= 3 x raw p99; the data-access issue after it, ratio >= 0.6.

## SQL statements per page

| page size | statements |
| ---: | ---: |
| 5 | ${s5} |
| 50 | ${s50} |

(The page with its COUNT and owners, then the tags; the session check is cached in Redis.)

## Where the API's time goes (CPU profile under the load above)

Self time by package over the measured load (after a 3 s warm-up; start-up, idle and shutdown
excluded), share of the samples. "Socket writes" is the time inside the write system calls of the
PostgreSQL, Redis and HTTP messages, most of it waiting for a CPU that PostgreSQL holds on 2 cores.

| where | share |
| --- | ---: |
${profile.map(([where, share]) => `| ${where} | ${(share * 100).toFixed(1)} % |`).join('\n')}
`;
    writeReportSection('bench', report);
    log(
      `API ${a.rps.toFixed(0)} req/s (p99 ${a.p99.toFixed(1)} ms), raw ${b.rps.toFixed(0)} req/s (p99 ${b.p99.toFixed(1)} ms): ratio ${ratio.toFixed(2)}; CPU/request ${a.cpu.toFixed(2)} vs ${b.cpu.toFixed(2)} ms, PostgreSQL ${a.pg.toFixed(2)} vs ${b.pg.toFixed(2)} ms, Redis ${a.redis.toFixed(2)} ms`,
    );
    log(`statements: ${s5} for 5 rows, ${s50} for 50; API RSS ${a.rss.toFixed(0)} MiB; written to docs/benchmarks.md`);
    log(
      `profile: ${profile
        .slice(0, 6)
        .map(([w, share]) => `${w} ${(share * 100).toFixed(0)}%`)
        .join(', ')}`,
    );
  } finally {
    for (const p of running) p.child.kill('SIGKILL');
    await drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
