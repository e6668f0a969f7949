import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { PinoLogger } from 'nestjs-pino';
import { UnauthenticatedException, validateEnv } from '@app/core';
import { Database } from '@app/database';
import { mediumDatabase, seedTenant, type MediumDatabase } from '@app/testing';
import { ENTITIES, MIGRATIONS } from '../../database/registry';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

/**
 * SessionService in process on a real PostgreSQL (the runtime role) and a real
 * Redis: refresh-token rotation, reuse detection and its audit row, the retry
 * grace, and the active/revoked cache the guards read.
 */
describe('SessionService (real PostgreSQL and Redis)', () => {
  let db: MediumDatabase;
  let database: Database;
  let redis: Redis;
  let tenant: { tenantId: string; userId: string };
  const prefix = `medium-${randomUUID()}`;
  const logger = { warn: () => undefined } as unknown as PinoLogger;

  async function service(graceSeconds: number): Promise<SessionService> {
    const env = validateEnv({
      NODE_ENV: 'test',
      QUEUE_PREFIX: prefix,
      REFRESH_REUSE_GRACE_SECONDS: String(graceSeconds),
      ...(process.env['REDIS_URL'] ? { REDIS_URL: process.env['REDIS_URL'] } : {}),
    });
    const tokens = new TokenService(env, logger); // ephemeral keys: no JWT keys configured
    await tokens.onModuleInit();
    return new SessionService(database, redis, env, tokens);
  }

  const start = (sessions: SessionService) =>
    database.transaction({ tenantId: tenant.tenantId, userId: tenant.userId }, (tx) =>
      sessions.start(tx, tenant.userId, tenant.tenantId),
    );
  const claimsOf = (sessionId: string) => ({ sid: sessionId, sub: tenant.userId, tid: tenant.tenantId });
  const revokedAt = async (sessionId: string): Promise<Date | null> =>
    (await db.owner.query<{ r: Date | null }>('SELECT revoked_at AS r FROM sessions WHERE id = $1', [sessionId]))
      .rows[0]?.r ?? null;

  beforeAll(async () => {
    db = await mediumDatabase({ entities: ENTITIES, migrations: MIGRATIONS });
    database = new Database(db.dataSource);
    redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    tenant = await seedTenant(db.owner, 'Sessions');
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await db.close();
  });

  it('rotates a refresh token once; presenting the used one again ends the session, audited in its tenant', async () => {
    const sessions = await service(0);
    const first = await start(sessions);
    expect(await sessions.isActive(claimsOf(first.session.id))).toBe(true);

    const second = await sessions.rotate(first.refreshToken);
    expect(second.session.id).toBe(first.session.id);
    expect(second.refreshToken).not.toBe(first.refreshToken);

    // The used token again (no grace): a thief or a replay, the whole family ends.
    await expect(sessions.rotate(first.refreshToken)).rejects.toBeInstanceOf(UnauthenticatedException);
    expect(await revokedAt(first.session.id)).toBeInstanceOf(Date);
    // Refused at once by the guards' check (the cache says revoked), and the newest token is dead too.
    expect(await redis.get(`${prefix}:session:${first.session.id}`)).toBe('revoked');
    expect(await sessions.isActive(claimsOf(first.session.id))).toBe(false);
    await expect(sessions.rotate(second.refreshToken)).rejects.toBeInstanceOf(UnauthenticatedException);
    const audit = await db.owner.query<{ tenant_id: string; actor_user_id: string | null }>(
      `SELECT tenant_id, actor_user_id FROM audit_logs WHERE action = 'auth.token_family_revoked' AND resource_id = $1`,
      [first.session.id],
    );
    expect(audit.rows).toEqual([{ tenant_id: tenant.tenantId, actor_user_id: null }]);
  });

  it('treats the same token presented again within the grace as a retry, not a theft', async () => {
    const sessions = await service(30);
    const first = await start(sessions);
    const rotated = await sessions.rotate(first.refreshToken);
    // The answer was lost on the way: the client retries with the token it still has.
    const retried = await sessions.rotate(first.refreshToken);
    expect(retried.session.id).toBe(first.session.id);
    expect(new Set([first.refreshToken, rotated.refreshToken, retried.refreshToken]).size).toBe(3);
    expect(await revokedAt(first.session.id)).toBeNull();
    expect(await sessions.isActive(claimsOf(first.session.id))).toBe(true);
  });

  it('lets one of many concurrent exchanges of one token through and ends the session for the rest', async () => {
    const sessions = await service(0);
    const first = await start(sessions);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => sessions.rotate(first.refreshToken)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(7);
    expect(await revokedAt(first.session.id)).toBeInstanceOf(Date);
  });

  it('ends a session at once for the guards when its owner revokes it, and never for another user', async () => {
    const sessions = await service(0);
    const { session } = await start(sessions);
    expect(await sessions.isActive(claimsOf(session.id))).toBe(true); // cached 'active'
    // Another user cannot end it: their scope does not show it.
    await sessions.revoke({ userId: randomUUID() }, session.id, 'logout');
    expect(await revokedAt(session.id)).toBeNull();
    await sessions.revoke({ userId: tenant.userId }, session.id, 'logout');
    expect(await revokedAt(session.id)).toBeInstanceOf(Date);
    expect(await sessions.isActive(claimsOf(session.id))).toBe(false);
  });

  it('reads PostgreSQL when the cache has nothing, and caches what it found', async () => {
    const sessions = await service(0);
    const { session } = await start(sessions);
    await redis.del(`${prefix}:session:${session.id}`);
    await db.owner.query('UPDATE sessions SET revoked_at = now() WHERE id = $1', [session.id]);
    expect(await sessions.isActive(claimsOf(session.id))).toBe(false);
    expect(await redis.get(`${prefix}:session:${session.id}`)).toBe('revoked');
  });
});
