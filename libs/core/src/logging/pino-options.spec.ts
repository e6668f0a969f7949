import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { validateEnv } from '../config/load-env';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REDACTED, censor, pinoHttpOptions, pinoOptions } from './pino-options';

/** A real pino logger with the shared options, writing JSON lines into an array. */
function logger(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const options = pinoOptions(validateEnv({ NODE_ENV: 'test', LOG_LEVEL: 'info' }), 'test');
  return { log: pino(options, stream), lines };
}

describe('secrets never reach the log', () => {
  it('censors secret keys at the top level and nested, whatever their case, keeping the rest', () => {
    const { log, lines } = logger();
    log.info(
      {
        password: 'p1',
        input: { email: 'a@example.com', Password: 'p2', newPassword: 'p3' },
        args: { input: { refreshToken: 'r1', list: [{ token: 't1', keep: 1 }] } },
        headers: { Authorization: 'Bearer x', cookie: 'c=1', 'x-api-key': 'k', 'user-agent': 'jest' },
        deep: { a: { b: { c: { d: { apiKey: 'k2' } } } } },
      },
      'hello',
    );
    expect(lines[0]).toMatchObject({
      msg: 'hello',
      password: REDACTED,
      input: { email: 'a@example.com', Password: REDACTED, newPassword: REDACTED },
      args: { input: { refreshToken: REDACTED, list: [{ token: REDACTED, keep: 1 }] } },
      headers: { Authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, 'user-agent': 'jest' },
      deep: { a: { b: { c: { d: { apiKey: REDACTED } } } } },
    });
    expect(JSON.stringify(lines)).not.toMatch(/p1|p2|p3|r1|t1|Bearer x|c=1|k2/);
  });

  it('leaves the caller’s object untouched and copies nothing when there is no secret', () => {
    const input = { user: { password: 'p' } };
    const clean = { a: { b: [1, 2, { c: 'd' }] } };
    expect(censor(input)).toEqual({ user: { password: REDACTED } });
    expect(input.user.password).toBe('p');
    expect(censor(clean)).toBe(clean);
  });

  it('does not walk class instances (requests, errors reach the log through serializers)', () => {
    class Request {
      headers = { authorization: 'Bearer x' };
    }
    const req = new Request();
    expect(censor({ req })).toEqual({ req });
  });
});

describe('database errors in the log', () => {
  it('keep their code, names and statement but never the bound parameters or row values', () => {
    const { log, lines } = logger();
    // pg's DatabaseError, with the fields pg fills, inside TypeORM's QueryFailedError.
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "UQ_users_email" for s3cret-value@example.com'),
      {
        code: '23505',
        detail: 'Key (email)=(s3cret-value@example.com) already exists.',
        table: 'users',
        constraint: 'UQ_users_email',
      },
    );
    const err = new QueryFailedError(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      ['s3cret-value@example.com', '$argon2id$v=19$hash'],
      driverError,
    );
    log.error({ err }, 'failed');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('s3cret-value');
    expect(line).not.toContain('argon2id');
    expect(lines[0]?.['err']).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      table: 'users',
      constraint: 'UQ_users_email',
      query: 'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      message: expect.stringContaining('duplicate key value violates unique constraint "UQ_users_email" for $1'),
    });
  });

  it('leave other errors as pino serializes them', () => {
    const { log, lines } = logger();
    log.error({ err: Object.assign(new Error('plain'), { extra: 1 }) }, 'failed');
    expect(lines[0]?.['err']).toMatchObject({ type: 'Error', message: 'plain', extra: 1 });
  });
});

describe('the request lines', () => {
  const level = pinoHttpOptions(validateEnv({ NODE_ENV: 'test', LOG_LEVEL: 'info' }), 'api').customLogLevel;
  const at = (statusCode: number, headersSent: boolean, err?: Error): string | undefined =>
    level?.({} as IncomingMessage, { statusCode, headersSent } as ServerResponse, err);

  it('logs a request once at info, when it ends; its start only at debug', () => {
    expect(at(200, false)).toBe('debug'); // received: nothing answered yet
    expect(at(200, true)).toBe('info');
    expect(at(404, true)).toBe('warn');
    expect(at(500, true)).toBe('error');
    expect(at(200, false, new Error('aborted'))).toBe('error');
  });
});
