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
      '  Demo logins      owner@demo.localhost / admin@demo.localhost / member@demo.localhost',
      '                   password: demo-password-2026 (tenant "Demo Inc")',
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
