// Helpers for tools/services.sh: read the service URLs the way the apps do
// (environment first, then .env, then the development defaults), check that
// they answer, and split a database URL into shell variables.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEFAULTS = {
  // The runtime role (API, worker): owns nothing, subject to row-level security.
  DATABASE_URL: 'postgres://saas_app:saas_app@127.0.0.1:5432/saas',
  // The role that owns the tables and runs migrations.
  MIGRATION_DATABASE_URL: 'postgres://saas:saas@127.0.0.1:5432/saas',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

/** Parses KEY=VALUE lines of a dotenv file (quotes and \n escapes in double quotes). */
export function parseDotenv(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    const key = line
      .slice(0, eq)
      .replace(/^export\s+/, '')
      .trim();
    let value = line.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else if (value.startsWith("'") && value.endsWith("'")) {
      value = value.slice(1, -1);
    }
    out[key] = value;
  }
  return out;
}

export function readDotenv(root = process.cwd()) {
  const file = resolve(root, '.env');
  return existsSync(file) ? parseDotenv(readFileSync(file, 'utf8')) : {};
}

export function serviceUrl(name, root = process.cwd()) {
  return process.env[name] || readDotenv(root)[name] || DEFAULTS[name];
}

/** Hides the password of a URL for printing. */
export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<malformed URL>';
  }
}
