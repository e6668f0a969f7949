#!/usr/bin/env node
// `yarn seed`: idempotent demo data (apps/api/src/database/seed.ts, run from
// source through swc). `--print-logins` prints the demo logins (used by `yarn demo`).
import { spawnSync } from 'node:child_process';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv.includes('--print-logins')) {
  process.stdout.write(
    [
      '  Demo logins      password demo-password-2026 for all:',
      '                   Demo Inc (40 products, 6 tags)   owner@demo.localhost, admin@demo.localhost, member@demo.localhost',
      '                   Acme Corp (6 products, 2 tags)   owner@acme.localhost   (another tenant: sees none of Demo Inc)',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/database/seed.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' },
});
process.exit(result.status ?? 1);
