import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { DEV_DEFAULTS, PRODUCTION_DEFAULTS, REQUIRED_IN_PRODUCTION, envSchema, type Env } from './env.schema';

/** A configuration problem the operator must fix; printed without a stack trace. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

/**
 * Development reads `.env` (if present) under the process environment: a
 * variable set in the environment always wins over the file. Test and
 * production runs use their environment only (a stray .env in a container
 * or a checkout must not fill in production secrets or test settings).
 */
export function readEnvSource(cwd = process.cwd(), env: Source = process.env): Source {
  const file = resolve(cwd, '.env');
  const development = env['NODE_ENV'] === undefined || env['NODE_ENV'] === '' || env['NODE_ENV'] === 'development';
  const fromFile = development && existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...env };
}

export function validateEnv(source: Source): Env {
  const nodeEnv = source['NODE_ENV'] || 'development';
  const production = nodeEnv === 'production';
  const problems: string[] = [];
  const input: Source = { ...source, NODE_ENV: nodeEnv };

  if (production) {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!source[name]) problems.push(`${name} is required in production`);
    }
  }
  const defaults: Record<string, string> = production ? PRODUCTION_DEFAULTS : DEV_DEFAULTS;
  for (const [name, value] of Object.entries(defaults)) {
    if (input[name] === undefined || (input[name] === '' && value !== '')) input[name] = value;
  }
  // An empty value means "not set" (as in a .env line `NAME=`).
  for (const name of Object.keys(input)) if (input[name] === '' && !(name in defaults)) input[name] = undefined;

  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join('.') || '(environment)';
      const already = problems.some((p) => p.startsWith(`${name} `));
      const absent = input[name] === undefined;
      if (!already) problems.push(`${name} ${absent ? 'is missing' : issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

/** Loads and validates the configuration, or ends the process naming what is wrong. */
export function loadEnvOrExit(cwd = process.cwd()): Env {
  try {
    return validateEnv(readEnvSource(cwd));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
