import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { CoreConfigModule, LoggingModule, RequestContext, validateEnv } from '@app/core';
import {
  DbScope,
  applyDbScope,
  dataSourceOptions,
  installDbScope,
  queryLoggingSubscriber,
  runInTransaction,
} from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/testing';

describe('database layer (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let ds: DataSource;
  const logs: Record<string, unknown>[] = [];
  /** The first log line matching `match`, waiting up to 2 s for it (a line may be written after the statement returns). */
  async function logLine(match: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | undefined> {
    for (let waited = 0; waited < 2000; waited += 20) {
      const line = logs.find(match);
      if (line) return line;
      await new Promise((r) => setTimeout(r, 20));
    }
    return logs.find(match);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = validateEnv({ NODE_ENV: 'test', LOG_LEVEL: 'debug', DATABASE_URL: db.url, DB_SLOW_QUERY_MS: '30' });
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        CoreConfigModule.forRoot(env),
        LoggingModule.forRoot(env, 'api', stream),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: db.url, entities: [], migrations: [] }),
          subscribers: [queryLoggingSubscriber(env.DB_SLOW_QUERY_MS)],
          // One pooled connection: every statement below reuses it.
          extra: { max: 1 },
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.init();
    ds = app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('logs each statement at debug with its duration and the request id, never its parameters', async () => {
    await RequestContext.run({ requestId: 'sql-1' }, () => ds.query('SELECT $1::text AS secret', ['hunter2-param']));
    const line = await logLine((l) => l['requestId'] === 'sql-1' && l['msg'] === 'query');
    expect(line).toMatchObject({ level: 'debug', context: 'Database', sql: 'SELECT $1::text AS secret' });
    expect(typeof line?.['durationMs']).toBe('number');
    expect(JSON.stringify(logs)).not.toContain('hunter2-param');
  });

  it('logs a statement slower than DB_SLOW_QUERY_MS at warn', async () => {
    await RequestContext.run({ requestId: 'sql-2' }, () => ds.query('SELECT pg_sleep(0.06)'));
    const line = await logLine((l) => l['requestId'] === 'sql-2' && l['msg'] === 'slow query');
    expect(line).toMatchObject({ level: 'warn', slowQueryMs: 30 });
    expect(line?.['durationMs']).toBeGreaterThanOrEqual(30);
  });

  it('runInTransaction rolls everything back when the work fails', async () => {
    await ds.query('CREATE TABLE tx_probe (id int)');
    await expect(
      runInTransaction(ds, async (m) => {
        await m.query('INSERT INTO tx_probe VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM tx_probe');
    expect(rows[0]?.n).toBe(0);
  });

  describe('installDbScope: the database scope on every statement', () => {
    let scoped: DataSource;
    const tenantId = '7d3c5f4e-0000-4000-8000-00000000000a';
    const userId = '7d3c5f4e-0000-4000-8000-00000000000b';
    // now() is the transaction's start, statement_timestamp() this statement's: they differ inside BEGIN … COMMIT.
    const PROBE = `SELECT current_setting('app.tenant_id', true) AS t, current_setting('app.user_id', true) AS u,
                          current_setting('app.path', true) AS p, now() < statement_timestamp() AS in_tx`;
    type Probe = { t: string | null; u: string | null; p: string | null; in_tx: boolean }[];

    beforeAll(async () => {
      // One connection, so that a setting left behind would show on the next statement.
      scoped = new DataSource({
        ...dataSourceOptions({ url: db.url, entities: [], migrations: [] }),
        extra: { max: 1 },
      });
      installDbScope(scoped);
      await scoped.initialize();
    });
    afterAll(async () => {
      await scoped.destroy();
    });

    it("runs a lone statement under the request's tenant and user, and leaves nothing behind", async () => {
      const inside = await RequestContext.run({ requestId: 'scope-1', tenantId, userId }, () =>
        scoped.query<Probe>(PROBE),
      );
      expect(inside[0]).toMatchObject({ t: tenantId, u: userId, p: '' });
      const after = await scoped.query<Probe>(PROBE);
      expect(after[0]).toMatchObject({ t: '', u: '', in_tx: false });
    });

    it('gives a lone statement its parameters exactly, inlined or not', async () => {
      const tricky = `O'Reilly \\ "q" $1 -- /* ; DROP TABLE users; */ ünï`;
      const when = new Date('2026-12-01T10:11:12.345Z');
      const rows = await RequestContext.run({ requestId: 'scope-7', tenantId }, () =>
        Promise.all([
          // Inlined into one message with the scope.
          scoped.query<{ a: string; b: string[]; c: number; d: boolean | null; e: boolean; t: string }[]>(
            `SELECT $1::text AS a, $2::text[] AS b, $3::int AS c, $4::boolean AS d, $5::text IS NULL AS e,
                    current_setting('app.tenant_id', true) AS t`,
            [tricky, [tricky, 'plain', ''], 7, null, null],
          ),
          // A Date is not inlined: BEGIN with the scope, the statement with its parameters, COMMIT.
          scoped.query<{ d: Date; t: string; in_tx: boolean }[]>(
            `SELECT $1::timestamptz AS d, current_setting('app.tenant_id', true) AS t, now() < statement_timestamp() AS in_tx`,
            [when],
          ),
        ]),
      );
      expect(rows[0][0]).toEqual({ a: tricky, b: [tricky, 'plain', ''], c: 7, d: null, e: true, t: tenantId });
      expect(rows[1][0]).toEqual({ d: when, t: tenantId, in_tx: true });
      expect((await scoped.query<Probe>(PROBE))[0]).toMatchObject({ t: '' });
    });

    it('runs a statement without any scope as it is (no transaction around it)', async () => {
      const plain = await RequestContext.run({ requestId: 'scope-2' }, () => scoped.query<Probe>(PROBE));
      expect(plain[0]).toMatchObject({ in_tx: false });
    });

    it('runInTransaction sets the scope for that transaction only, and applyDbScope replaces it inside', async () => {
      const seen = await RequestContext.run({ requestId: 'scope-3', tenantId }, () =>
        runInTransaction(scoped, async (m) => {
          const first = (await m.query<Probe>(PROBE))[0];
          await applyDbScope(m, { userId, path: 'tenant-slugs' });
          const second = (await m.query<Probe>(PROBE))[0];
          return { first, second };
        }),
      );
      expect(seen.first).toMatchObject({ t: tenantId, u: '', p: '' });
      expect(seen.second).toMatchObject({ t: '', u: userId, p: 'tenant-slugs' });
      expect((await scoped.query<Probe>(PROBE))[0]).toMatchObject({ t: '', u: '', p: '' });
    });

    it('lets DbScope.run replace the request scope for a narrow path', async () => {
      const seen = await RequestContext.run({ requestId: 'scope-4', tenantId }, () =>
        DbScope.run({ path: 'expire-invitations' }, () => scoped.query<Probe>(PROBE)),
      );
      expect(seen[0]).toMatchObject({ t: '', p: 'expire-invitations' });
    });

    it('refuses a malformed scope value instead of inlining it, and applyDbScope outside a transaction', async () => {
      await expect(
        RequestContext.run({ requestId: 'scope-5', tenantId: "x'); DROP TABLE users; --" }, () => scoped.query(PROBE)),
      ).rejects.toThrow(/malformed database scope value for tenantId/);
      await expect(applyDbScope(scoped.manager, { tenantId })).rejects.toThrow(/needs an open transaction/);
    });

    it('rolls back the short transaction of a failing statement and keeps the connection usable', async () => {
      await expect(
        RequestContext.run({ requestId: 'scope-6', tenantId }, () => scoped.query('SELECT 1/0')),
      ).rejects.toThrow(/division by zero/);
      expect((await scoped.query<Probe>(PROBE))[0]).toMatchObject({ t: '', in_tx: false });
    });
  });
});
