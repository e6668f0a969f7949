#!/usr/bin/env node
// `yarn api:dev` / `yarn worker:dev`: runs a TypeScript entry point straight
// from source (swc, with decorator metadata and the tsconfig path aliases) and
// restarts it when a file it loaded changes.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parse } from 'dotenv';

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node tools/dev.mjs <entry.ts> [--http]\n');
  process.exit(2);
}

// --http (the API): a taken port ends the run at once with one line, before the
// app starts (in development it rewrites apps/api/schema.graphql) and before the
// watcher would wait for changes. PORT and HOST as the app reads them: the
// shell's, else .env's, else the development defaults.
if (process.argv.includes('--http')) {
  const file = existsSync('.env') ? parse(readFileSync('.env')) : {};
  const port = Number(process.env.PORT || file.PORT || 3000);
  const host = process.env.HOST || file.HOST || '127.0.0.1';
  const taken = await new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err) => resolve(err.code === 'EADDRINUSE'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(false)));
  });
  if (taken) {
    process.stderr.write(
      `Port ${port} on ${host} is already in use (another API, e.g. \`yarn demo\`, is running?): stop it, or set PORT to a free port (and HOST if needed).\n`,
    );
    process.exit(1);
  }
}
const child = spawn(
  process.execPath,
  ['--watch', '--watch-preserve-output', '--enable-source-maps', '-r', '@swc-node/register', entry],
  { stdio: 'inherit', env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? 'tsconfig.json' } },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
