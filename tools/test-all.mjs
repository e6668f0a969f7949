#!/usr/bin/env node
// Runs every check of `yarn test:all` in order, keeps going after a failure,
// and ends with one line: `tests: N passed, M failed`. Jest suites count their
// tests; every other step (lint, type-check, build, ...) counts as one test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const results = join(root, 'tmp/test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
const summary = [];

function run(cmd, args) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return { ok: res.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

/** A step that passes or fails as a whole. */
function check(name, cmd, args) {
  process.stdout.write(`\n[test:all] ${name}: ${[cmd.replace(`${root}/`, ''), ...args].join(' ')}\n`);
  const { ok, seconds } = run(cmd, args);
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? 'PASS' : 'FAIL'}  ${name} (${seconds}s)`);
  return ok;
}

/** A jest run: its tests count one by one. */
function jest(name, config, extra = []) {
  const output = join(results, `${name}.json`);
  process.stdout.write(`\n[test:all] ${name}: jest -c ${config}\n`);
  const { ok, seconds } = run(bin('jest'), ['-c', config, '--ci', '--json', `--outputFile=${output}`, ...extra]);
  if (!existsSync(output)) {
    failed++;
    summary.push(`FAIL  ${name}: jest did not report (${seconds}s)`);
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  // A suite that failed to load has no test results: count it as a failure.
  const brokenSuites = report.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.length === 0,
  ).length;
  const p = report.numPassedTests;
  const f = report.numFailedTests + brokenSuites + (report.numTotalTests === 0 ? 1 : 0);
  const pending = report.numPendingTests + report.numTodoTests;
  passed += p;
  failed += f + pending; // a skipped test is not allowed in main
  const good = ok && f === 0 && pending === 0;
  summary.push(
    `${good ? 'PASS' : 'FAIL'}  ${name}: ${p} passed, ${f} failed${pending ? `, ${pending} skipped (not allowed)` : ''} (${seconds}s)`,
  );
  if (!good && f === 0 && pending === 0) failed++; // jest exited non-zero for another reason
}

// Setup steps of test-all.sh that failed (their reasons are printed above them).
const failedSetup = new Set((process.env.TEST_ALL_FAILED_SETUP ?? '').split(' ').filter(Boolean));
const SETUP_REASON = {
  install: 'yarn install failed: nothing below can run as it should',
  services: 'PostgreSQL or Redis did not start (tools/services.sh): the e2e tests are not run',
  browser: 'no Chromium (tools/browser.sh; set CHROMIUM_PATH or install chromium): the browser tests are not run',
  env: 'tools/env-init.mjs could not write .env',
};
for (const step of failedSetup) {
  failed++;
  summary.push(`FAIL  setup ${step}: ${SETUP_REASON[step] ?? 'see above'}`);
}

check('lint', 'bash', ['-c', `${bin('nx')} show projects >/dev/null && ${bin('eslint')} --max-warnings=0 .`]);
check('format', bin('prettier'), ['--check', '--log-level=warn', '.']);
check('typecheck', bin('tsc'), ['-p', 'tsconfig.json']);
// The frontend's codegen config (codegen.ts) on the committed schema: its output passes tsc --strict.
check('codegen', 'bash', [
  '-c',
  `${bin('graphql-codegen')} --config codegen.ts --silent && ${bin('tsc')} -p tools/codegen/tsconfig.json`,
]);
jest('unit', 'jest.config.js');
// The medium tier: services and the data layer in process, from the sources, against a real PostgreSQL.
if (failedSetup.has('services')) {
  failed++;
  summary.push('FAIL  medium: not run, PostgreSQL is not there');
} else {
  jest('medium', 'jest.medium.config.js');
}
const built =
  check('build api', bin('webpack'), ['--config', 'apps/api/webpack.config.js']) &&
  check('build worker', bin('webpack'), ['--config', 'apps/worker/webpack.config.js']);
if (failedSetup.has('services')) {
  failed++;
  summary.push('FAIL  e2e: not run, PostgreSQL or Redis is not there');
} else if (built) {
  // Without a browser, the browser suite is left out (its absence is the one failure above).
  jest('e2e', 'apps/api-e2e/jest.config.js', failedSetup.has('browser') ? ['--testPathIgnorePatterns=graphiql'] : []);
} else {
  failed++;
  summary.push('FAIL  e2e: not run, the build failed');
}

process.stdout.write(`\n[test:all] summary\n${summary.map((l) => `  ${l}`).join('\n')}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
