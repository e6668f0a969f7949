#!/usr/bin/env node
// `yarn soak` (tools/soak.sh builds first): the built API in production mode under a
// steady mix of queries and mutations from two tenants at a fixed rate, bounded in
// time, loopback only. Reports answers, GraphQL errors by code, latency (p50, p99,
// max) and the API's RSS at the start and the end (a leak shows as growth), then
// writes them to the "soak" section of docs/benchmarks.md. Exits 1 if any request
// failed. Knobs: SOAK_SECONDS (300), SOAK_RATE (50 requests/s), SOAK_CONNECTIONS (10).
import { cpus, platform, release, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { freshEnvironment, logger, rssOf, seedTenants, sleep, start, waitFor, writeReportSection } from './lib.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const RATE = Number(process.env.SOAK_RATE ?? 50);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 10);
const WARMUP_SECONDS = Math.min(10, Math.max(1, Math.floor(SECONDS / 10)));
const log = logger('soak');

const OPERATIONS = {
  products:
    '{ products(paging: { first: 20 }) { totalCount edges { node { id name price owner { email } tags { name } } } } }',
  createProduct: 'mutation C($i: CreateProductInput!) { createProduct(input: $i) { id } }',
  updateProduct: 'mutation U($i: UpdateProductInput!) { updateProduct(input: $i) { id price } }',
  deleteProduct: 'mutation D($id: ID!) { deleteProduct(id: $id) { id } }',
  tags: '{ tags(paging: { first: 50 }) { totalCount edges { node { id name } } } }',
  createTag: 'mutation T($i: CreateTagInput!) { createTag(input: $i) { id } }',
  me: '{ me { role user { email } tenant { name } } }',
};

async function main() {
  const { env, drop } = await freshEnvironment('soak');
  let api;
  try {
    api = start('dist/apps/api/main.js', { ...env, PORT: '3111' });
    const apiUrl = 'http://127.0.0.1:3111';
    await waitFor(`${apiUrl}/health`);
    log('seeding 2 tenants x 500 products');
    const sessions = await seedTenants(apiUrl, env.MIGRATION_DATABASE_URL, 2, 500, 'soak');
    const pg = await import('pg');
    const db = new pg.default.Client({ connectionString: env.MIGRATION_DATABASE_URL });
    await db.connect();
    const seeded = [];
    for (const s of sessions) {
      const rows = await db.query('SELECT id FROM products WHERE tenant_id = $1 LIMIT 50', [s.tenant.id]);
      seeded.push(rows.rows.map((r) => r.id));
    }
    await db.end();

    // Each tenant's own products to update, and the products the run created, to delete.
    const created = sessions.map(() => []);
    const counts = { answers: 0, byOperation: {}, errors: {} };
    let serial = 0;
    const request = (t, op, variables) => ({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sessions[t].accessToken}` },
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: OPERATIONS[op], variables: variables?.() }) }),
      onResponse: (status, body) => {
        counts.answers++;
        counts.byOperation[op] = (counts.byOperation[op] ?? 0) + 1;
        let parsed;
        try {
          parsed = JSON.parse(body);
        } catch {
          counts.errors[`HTTP ${status}`] = (counts.errors[`HTTP ${status}`] ?? 0) + 1;
          return;
        }
        for (const e of parsed.errors ?? []) {
          const code = `${op}: ${e.extensions?.code ?? 'no code'}`;
          counts.errors[code] = (counts.errors[code] ?? 0) + 1;
        }
        if (op === 'createProduct' && parsed.data?.createProduct) created[t].push(parsed.data.createProduct.id);
      },
    });
    const mix = (t) => [
      request(t, 'products'),
      request(t, 'createProduct', () => ({ i: { name: `soak ${serial++}`, price: (serial % 1000) + 0.5 } })),
      request(t, 'products'),
      request(t, 'updateProduct', () => ({ i: { id: seeded[t][serial++ % seeded[t].length], price: serial % 500 } })),
      request(t, 'tags'),
      request(t, 'me'),
      // Deletes a product this run created (a products page while there is none yet).
      {
        ...request(t, 'deleteProduct'),
        setupRequest: (req) => {
          const id = created[t].shift();
          const body = id ? { query: OPERATIONS.deleteProduct, variables: { id } } : { query: OPERATIONS.products };
          return { ...req, body: JSON.stringify(body) };
        },
      },
      request(t, 'createTag', () => ({ i: { name: `soak tag ${serial++}` } })),
    ];
    const requests = [...mix(0), ...mix(1)];
    log(
      `${SECONDS} s at ${RATE} requests/s, ${CONNECTIONS} connections (${WARMUP_SECONDS} s before the first RSS reading)`,
    );
    const rss = { start: 0, end: 0, max: 0 };
    const started = Date.now();
    const sampler = setInterval(() => {
      const now = rssOf(api.child.pid);
      rss.max = Math.max(rss.max, now);
      if (!rss.start && Date.now() - started >= WARMUP_SECONDS * 1000) rss.start = now;
    }, 1000);
    const result = await autocannon({
      url: apiUrl,
      connections: CONNECTIONS,
      duration: SECONDS,
      overallRate: RATE,
      requests,
    });
    rss.end = rssOf(api.child.pid);
    clearInterval(sampler);
    await sleep(100);

    const failed = result.non2xx + result.errors + result.timeouts;
    const graphqlErrors = Object.values(counts.errors).reduce((a, b) => a + b, 0);
    const errorLines = Object.entries(counts.errors)
      .map(([k, n]) => `| ${k} | ${n} |`)
      .join('\n');
    const report = `## Soak

Written by \`yarn soak\` (bench/soak.mjs) on ${new Date().toISOString().slice(0, 10)}: the built API
(production mode, logging and limits on) for ${SECONDS} s at ${RATE} requests/s over ${CONNECTIONS}
connections, loopback only; two tenants (500 products each) alternating a mix of
products pages, createProduct, updateProduct, deleteProduct (of products the run
created), tags pages, createTag and me. Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,
${platform()} ${release()}, Node ${process.version}.

| | |
| --- | ---: |
| requests answered | ${result.requests.total} |
| HTTP errors, timeouts, non-2xx | ${failed} |
| GraphQL errors | ${graphqlErrors} |
| latency p50 / p99 / max (ms) | ${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} |
| API RSS after ${WARMUP_SECONDS} s / at the end / max (MiB) | ${rss.start.toFixed(0)} / ${rss.end.toFixed(0)} / ${rss.max.toFixed(0)} |
${errorLines ? `\nGraphQL errors by operation and code:\n\n| operation: code | count |\n| --- | ---: |\n${errorLines}\n` : ''}`;
    writeReportSection('soak', report);
    log(
      `${result.requests.total} requests, ${failed} failed, ${graphqlErrors} GraphQL errors; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; RSS ${rss.start.toFixed(0)} -> ${rss.end.toFixed(0)} MiB (max ${rss.max.toFixed(0)}); written to docs/benchmarks.md`,
    );
    return failed + graphqlErrors === 0;
  } finally {
    api?.child.kill('SIGKILL');
    await drop();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    process.stderr.write(`[soak] failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
