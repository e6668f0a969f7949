import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, validateEnv } from './load-env';

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    validateEnv(source);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

function pems(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

describe('validateEnv', () => {
  it('applies the development defaults of the runtime contract', () => {
    const env = validateEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(env.LOG_PRETTY).toBe(false);
  });

  it('names a malformed variable and says what is wrong with it', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT must be a whole number']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must be between 1 and 65535']);
    expect(problemsOf({ REDIS_URL: 'http://x' })).toEqual([
      'REDIS_URL must be a URL starting with redis:// or rediss://',
    ]);
    expect(problemsOf({ NODE_ENV: 'staging' })[0]).toMatch(/^NODE_ENV /);
  });

  it('requires the JWT keys and service URLs in production, naming each one', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'SMTP_URL',
      'JWT_ACCESS_PRIVATE_KEY',
      'JWT_ACCESS_PUBLIC_KEY',
      'JWT_REFRESH_PRIVATE_KEY',
      'JWT_REFRESH_PUBLIC_KEY',
    ]) {
      expect(problems).toContain(`${name} is required in production`);
    }
  });

  it('accepts a complete production environment and keeps production-safe defaults', () => {
    const access = pems();
    const refresh = pems();
    const env = validateEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      REDIS_URL: 'rediss://cache:6380',
      SMTP_URL: 'smtp://mail:587',
      APP_URL: 'https://app.example.com',
      MAIL_FROM: 'no-reply@example.com',
      // As a .env or a task definition would carry it: one line, escaped newlines.
      JWT_ACCESS_PRIVATE_KEY: access.privateKey.replace(/\n/g, '\\n'),
      JWT_ACCESS_PUBLIC_KEY: access.publicKey,
      JWT_REFRESH_PRIVATE_KEY: refresh.privateKey,
      JWT_REFRESH_PUBLIC_KEY: refresh.publicKey,
    });
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.CORS_ORIGINS).toBe('');
    expect(env.JWT_ACCESS_PRIVATE_KEY).toBe(access.privateKey.trim());
  });

  it('reads TRUST_PROXY as Express takes it, and the GraphQL limits as numbers', () => {
    expect(validateEnv({}).TRUST_PROXY).toBe(false);
    expect(validateEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(validateEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(validateEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1');
    expect(problemsOf({ TRUST_PROXY: 'everyone' })[0]).toMatch(/^TRUST_PROXY must be true, false, a hop count/);
    expect(validateEnv({ GRAPHQL_MAX_DEPTH: '8' }).GRAPHQL_MAX_DEPTH).toBe(8);
    expect(validateEnv({}).GRAPHQL_MAX_COST).toBe(5000);
    expect(problemsOf({ GRAPHQL_MAX_DEPTH: '0' })).toEqual(['GRAPHQL_MAX_DEPTH must be between 1 and 100']);
  });

  it('rejects a key that is not PEM', () => {
    expect(problemsOf({ JWT_ACCESS_PUBLIC_KEY: 'not-a-key' })).toEqual([
      'JWT_ACCESS_PUBLIC_KEY must be a PEM-encoded public key',
    ]);
  });

  it('reads extra verification keys as a list of PEM public keys, and refuses anything else', () => {
    const [one, two] = [pems().publicKey, pems().publicKey];
    const env = validateEnv({ JWT_ACCESS_EXTRA_PUBLIC_KEYS: `${one}\n${two}`.replace(/\n/g, '\\n') });
    expect(env.JWT_ACCESS_EXTRA_PUBLIC_KEYS).toEqual([one.trim(), two.trim()]);
    expect(problemsOf({ JWT_REFRESH_EXTRA_PUBLIC_KEYS: `${one}\nnot-a-key` })).toEqual([
      'JWT_REFRESH_EXTRA_PUBLIC_KEYS must be PEM-encoded public keys, one after the other',
    ]);
  });
});
