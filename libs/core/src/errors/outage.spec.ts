import { QueryFailedError } from 'typeorm';
import { isDependencyOutage } from './outage';

const pgError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('isDependencyOutage', () => {
  it('recognises PostgreSQL going away, through TypeORM and cause chains', () => {
    const shutdown = new QueryFailedError(
      'SELECT 1',
      [],
      pgError('57P01', 'terminating connection due to administrator command'),
    );
    expect(isDependencyOutage(shutdown)).toBe(true);
    expect(isDependencyOutage(new Error('wrapped', { cause: pgError('08006', 'connection failure') }))).toBe(true);
    expect(isDependencyOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyOutage(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(
      isDependencyOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
  });

  it('counts our own statement timeout as unavailable, not as a bug', () => {
    const timeout = new QueryFailedError(
      'SELECT',
      [],
      pgError('57014', 'canceling statement due to statement timeout'),
    );
    expect(isDependencyOutage(timeout)).toBe(true);
  });

  it('recognises Redis down or silent', () => {
    expect(isDependencyOutage(new Error('Command timed out'))).toBe(true);
    expect(isDependencyOutage(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true);
    expect(isDependencyOutage(new Error('Connection is closed.'))).toBe(true);
  });

  it('leaves bugs and a bad statement as they are', () => {
    expect(isDependencyOutage(new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key value')))).toBe(false);
    expect(isDependencyOutage(new QueryFailedError('SELECT', [], pgError('42703', 'column "x" does not exist')))).toBe(
      false,
    );
    expect(isDependencyOutage(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDependencyOutage('Command timed out')).toBe(false);
  });
});
