#!/usr/bin/env node
// `yarn api:dev` / `yarn worker:dev`: runs a TypeScript entry point straight
// from source (swc, with decorator metadata and the tsconfig path aliases) and
// restarts it when a file it loaded changes.
import { spawn } from 'node:child_process';

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node tools/dev.mjs <entry.ts>\n');
  process.exit(2);
}
const child = spawn(
  process.execPath,
  ['--watch', '--watch-preserve-output', '--enable-source-maps', '-r', '@swc-node/register', entry],
  { stdio: 'inherit', env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? 'tsconfig.json' } },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
