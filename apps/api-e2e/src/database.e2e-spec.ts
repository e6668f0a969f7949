import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { CoreConfigModule, LoggingModule, RequestContext, validateEnv } from '@app/core';
import { dataSourceOptions, queryLoggingSubscriber } from '@app/database';
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
});
