#!/usr/bin/env node
// Writes a development `.env` with freshly generated RS256 key pairs (one for
// access tokens, one for refresh tokens) when there is none. An existing .env
// is never overwritten: the script only reports what it would have added.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDotenv } from './lib/service-url.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const file = resolve(process.env.ENV_FILE ?? resolve(root, '.env'));

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey };
}

const quote = (pem) => `"${pem.trim().replace(/\n/g, '\\n')}"`;

export function developmentEnv() {
  const access = keyPair();
  const refresh = keyPair();
  return [
    '# Development settings written by `yarn env:init` (tools/env-init.mjs).',
    '# Never commit this file. Variables set in the shell override it.',
    'NODE_ENV=development',
    'PORT=3000',
    'HOST=127.0.0.1',
    '# The runtime role (owns nothing, subject to row-level security) and the owner that runs migrations.',
    'DATABASE_URL=postgres://saas_app:saas_app@127.0.0.1:5432/saas',
    'MIGRATION_DATABASE_URL=postgres://saas:saas@127.0.0.1:5432/saas',
    'REDIS_URL=redis://127.0.0.1:6379',
    'SMTP_URL=smtp://127.0.0.1:1025',
    'MAIL_FROM=no-reply@saas.localhost',
    'APP_URL=http://localhost:3000',
    'LOG_LEVEL=info',
    '# LOG_PRETTY=true prints human-readable logs instead of JSON lines.',
    'LOG_PRETTY=false',
    'CORS_ORIGINS=http://localhost:3000,http://localhost:4200,http://localhost:5173',
    'RATE_LIMIT_PER_MINUTE=600',
    'AUTH_RATE_LIMIT_PER_EMAIL=10',
    'AUTH_RATE_LIMIT_PER_IP=100',
    '# Statements slower than this (ms) are logged at warn.',
    'DB_SLOW_QUERY_MS=200',
    'QUEUE_PREFIX=saas',
    '# The queue dashboard at /admin/queues (Basic authentication; off when either is unset).',
    'QUEUE_DASHBOARD_USER=admin',
    `QUEUE_DASHBOARD_PASSWORD=${randomBytes(18).toString('base64url')}`,
    `JWT_ACCESS_PRIVATE_KEY=${quote(access.privateKey)}`,
    `JWT_ACCESS_PUBLIC_KEY=${quote(access.publicKey)}`,
    `JWT_REFRESH_PRIVATE_KEY=${quote(refresh.privateKey)}`,
    `JWT_REFRESH_PUBLIC_KEY=${quote(refresh.publicKey)}`,
    '',
  ].join('\n');
}

if (existsSync(file)) {
  const present = parseDotenv(readFileSync(file, 'utf8'));
  const wanted = Object.keys(parseDotenv(developmentEnv()));
  const absent = wanted.filter((k) => !(k in present));
  process.stdout.write(`[env] ${file} exists; left unchanged.\n`);
  if (absent.length > 0) {
    process.stdout.write(
      `[env] it does not set: ${absent.join(', ')} (development defaults apply; ` +
        `move it away and run 'yarn env:init' to get a fresh one with new keys).\n`,
    );
  }
} else {
  writeFileSync(file, developmentEnv(), { mode: 0o600, flag: 'wx' });
  process.stdout.write(`[env] wrote ${file} with freshly generated RS256 key pairs.\n`);
}
