import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, graphql, migratedDatabase, startApi, testEnv, type TestDatabase } from '@app/testing';

function seed(env: Record<string, string>): { status: number | null; output: string } {
  const res = spawnSync(process.execPath, [join(REPO_ROOT, 'tools/seed.mjs')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('yarn seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('is idempotent, and its demo owner can sign in', async () => {
    const env = testEnv({ DATABASE_URL: db.appUrl, MIGRATION_DATABASE_URL: db.url });
    expect(seed(env)).toMatchObject({ status: 0, output: expect.stringContaining('3 user(s) created') });
    expect(seed(env)).toMatchObject({ status: 0, output: expect.stringContaining('0 user(s) created') });
    const api = await startApi(env);
    try {
      const res = await graphql(
        api.url,
        'mutation { login(input: { email: "owner@demo.localhost", password: "demo-password-2026" }) { role tenant { slug } } }',
      );
      expect(res.body.data).toEqual({ login: { role: 'OWNER', tenant: { slug: 'demo' } } });
    } finally {
      await api.stop('SIGKILL');
    }
  });

  it('refuses a production database', () => {
    const prod = seed({
      ...testEnv({ DATABASE_URL: db.appUrl, MIGRATION_DATABASE_URL: db.url }),
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://x:25',
      APP_URL: 'https://x',
      MAIL_FROM: 'a@b.c',
    });
    expect(prod.status).not.toBe(0);
    expect(prod.output).toContain('refusing');
  });
});
