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

  it('is idempotent: two tenants with their users, tags and products; each owner sees only their own', async () => {
    const env = testEnv({ DATABASE_URL: db.appUrl, MIGRATION_DATABASE_URL: db.url });
    expect(seed(env)).toMatchObject({
      status: 0,
      output: expect.stringContaining('(4 user(s), 46 product(s) created)'),
    });
    expect(seed(env)).toMatchObject({
      status: 0,
      output: expect.stringContaining('(0 user(s), 0 product(s) created)'),
    });
    const api = await startApi(env);
    try {
      const login = async (email: string) => {
        const res = await graphql<{ login: { accessToken: string; role: string; tenant: { slug: string } } }>(
          api.url,
          'mutation L($e: String!) { login(input: { email: $e, password: "demo-password-2026" }) { accessToken role tenant { slug } } }',
          { e: email },
        );
        if (!res.body.data) throw new Error(JSON.stringify(res.body.errors));
        return res.body.data.login;
      };
      const demo = await login('owner@demo.localhost');
      expect(demo).toMatchObject({ role: 'OWNER', tenant: { slug: 'demo' } });
      expect(await login('member@demo.localhost')).toMatchObject({ role: 'MEMBER', tenant: { slug: 'demo' } });
      const acme = await login('owner@acme.localhost');
      expect(acme).toMatchObject({ role: 'OWNER', tenant: { slug: 'acme' } });

      const PAGE = `query P($f: ProductFilter) {
        products(filter: $f) { totalCount pageInfo { hasNextPage } edges { node { name status tags { name } } } }
        tags { totalCount }
      }`;
      type Page = {
        products: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean };
          edges: { node: { name: string; status: string; tags: { name: string }[] } }[];
        };
        tags: { totalCount: number };
      };
      const page = async (token: string, f?: unknown) =>
        (await graphql<Page>(api.url, PAGE, { f }, { authorization: `Bearer ${token}` })).body.data as Page;
      const demoPage = await page(demo.accessToken);
      // Enough for two pages, with tags, in several statuses.
      expect(demoPage.products.totalCount).toBe(40);
      expect(demoPage.products.pageInfo.hasNextPage).toBe(true);
      expect(demoPage.tags.totalCount).toBe(6);
      expect(demoPage.products.edges.every((e) => e.node.tags.length >= 1)).toBe(true);
      expect(new Set(demoPage.products.edges.map((e) => e.node.status))).toEqual(
        new Set(['ACTIVE', 'INACTIVE', 'ARCHIVED']),
      );
      expect((await page(demo.accessToken, { status: { eq: 'ARCHIVED' } })).products.totalCount).toBe(8);
      // The other tenant: its own, and nothing of Demo Inc's.
      const acmePage = await page(acme.accessToken);
      expect(acmePage.products.totalCount).toBe(6);
      expect(acmePage.products.edges.map((e) => e.node.name)).not.toContain('Desk Basic');
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
