import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { IsNull, type EntityManager } from 'typeorm';
import { InjectEnv, InjectRedis, UnauthenticatedException, type Env } from '@app/core';
import { Database, queryOne, type Transaction } from '@app/database';
import { recordAudit } from '../audit';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, SESSION_MAX_AGE_SECONDS } from './session.constants';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { SessionEntity } from './entities/session.entity';
import { TokenService } from './token.service';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** How long "this session is active" may be served from Redis. Revocations overwrite it at once. */
const ACTIVE_CACHE_SECONDS = 60;

export type RevokeReason = 'logout' | 'reuse' | 'password-reset' | 'switched' | 'membership-changed';

export interface RotationResult {
  session: SessionEntity;
  refreshToken: string;
}

/**
 * Logins (sessions) and their refresh-token families: issue, rotate with
 * reuse detection (ASVS 10.4.5), absolute lifetime (10.4.8), revoke. Whether a
 * session is still active is checked on every request through a short Redis
 * cache that revocation overwrites (7.4.1).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly database: Database,
    @InjectRedis() private readonly redis: Redis,
    @InjectEnv() private readonly env: Env,
    private readonly tokens: TokenService,
  ) {}

  /** A new session for (user, tenant) and its first refresh token, in the caller's transaction (in that tenant). */
  async start(tx: Transaction, userId: string, tenantId: string): Promise<RotationResult> {
    const { manager } = tx;
    const sessions = manager.getRepository(SessionEntity);
    const session = await sessions.save(
      sessions.create({
        userId,
        tenantId,
        expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
        revokedAt: null,
        revokedReason: null,
      }),
    );
    return { session, refreshToken: await this.issueRefresh(manager, session) };
  }

  /**
   * Exchanges a refresh token for the next one. A token presented again
   * more than REFRESH_REUSE_GRACE_SECONDS after its first exchange revokes
   * its whole family; within the grace it is a retry (the answer to the first
   * was lost) and gets a next token of its own. Refresh results are never kept
   * by the idempotency store (ADR 010), so this grace is what makes a retried
   * refreshToken safe.
   */
  async rotate(presented: string): Promise<RotationResult> {
    const claims = await this.tokens.verifyRefresh(presented);
    // The token's user: their own sessions are visible in every tenant (row-level security, ADR 013).
    const outcome = await this.database.transaction({ userId: claims.sub }, async (tx) => {
      const { manager } = tx;
      const token = await manager
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: sha256(presented) })
        .getOne();
      if (!token || token.sessionId !== claims.sid) return { kind: 'invalid' as const };
      const session = await manager
        .getRepository(SessionEntity)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.id = :id', { id: token.sessionId })
        .getOne();
      if (!session || session.revokedAt) return { kind: 'invalid' as const };
      // From here the transaction acts in the session's tenant (its audit row belongs there).
      await tx.rescope({ tenantId: session.tenantId, userId: session.userId });
      const now = new Date();
      // A retry of the exchange that just happened (the answer was lost on the way): not a theft, as Auth0 and Okta treat it.
      const graceMs = this.env.REFRESH_REUSE_GRACE_SECONDS * 1000;
      const retried = graceMs > 0 && token.usedAt !== null && now.getTime() - token.usedAt.getTime() <= graceMs;
      if (token.usedAt && !retried) {
        await this.markRevoked(manager, session.id, 'reuse');
        // Whoever presented it is unknown (the owner, or a thief): no actor.
        await recordAudit(manager, {
          action: 'auth.token_family_revoked',
          tenantId: session.tenantId,
          actorUserId: null,
          resourceType: 'session',
          resourceId: session.id,
          details: { reason: 'refresh token reused', userId: session.userId },
        });
        return { kind: 'reused' as const, sessionId: session.id };
      }
      if (token.expiresAt <= now || session.expiresAt <= now) return { kind: 'invalid' as const };
      if (!retried) await manager.getRepository(RefreshTokenEntity).update({ id: token.id }, { usedAt: now });
      return { kind: 'rotated' as const, session, refreshToken: await this.issueRefresh(manager, session) };
    });
    if (outcome.kind === 'reused') await this.cacheRevoked(outcome.sessionId);
    if (outcome.kind !== 'rotated') throw new UnauthenticatedException('Invalid or expired refresh token');
    return { session: outcome.session, refreshToken: outcome.refreshToken };
  }

  /** Ends one of the user's own sessions (row-level security shows a user theirs in every tenant). */
  async revoke(owner: { userId: string }, sessionId: string, reason: RevokeReason): Promise<void> {
    await this.database.transaction({ userId: owner.userId }, ({ manager }) =>
      this.markRevoked(manager, sessionId, reason),
    );
    await this.cacheRevoked(sessionId);
  }

  /**
   * Revokes every live session of a user (password reset), in the caller's
   * transaction, whose scope must show the user's sessions; `cacheAllRevoked`
   * after commit.
   */
  async revokeAllOfUser(tx: Transaction, userId: string, reason: RevokeReason): Promise<string[]> {
    return this.revokeLive(tx.manager, { userId }, reason);
  }

  /** Ends every live session of a user in one tenant (role changed, member removed), in the caller's transaction. */
  async revokeAllInTenant(tx: Transaction, userId: string, tenantId: string): Promise<string[]> {
    return this.revokeLive(tx.manager, { userId, tenantId }, 'membership-changed');
  }

  async cacheRevoked(sessionId: string): Promise<void> {
    // Long enough to outlive every access token of the session.
    await this.redis.set(this.cacheKey(sessionId), 'revoked', 'EX', ACCESS_TOKEN_TTL_SECONDS + 60);
  }

  /** After the commit that revoked them: the sessions are refused at once, not when their cache entry runs out. */
  async cacheAllRevoked(sessionIds: readonly string[]): Promise<void> {
    await Promise.all(sessionIds.map((sid) => this.cacheRevoked(sid)));
  }

  /** Is the session of these verified access-token claims still active? Redis first, PostgreSQL on a miss. */
  async isActive(claims: { sid: string; sub: string; tid: string }): Promise<boolean> {
    const sessionId = claims.sid;
    const cached = await this.redis.get(this.cacheKey(sessionId)).catch(() => null);
    if (cached === 'active') return true;
    if (cached === 'revoked') return false;
    const session = await queryOne<Pick<SessionEntity, 'revokedAt' | 'expiresAt'>>(
      this.database.read({ tenantId: claims.tid, userId: claims.sub }),
      `SELECT revoked_at AS "revokedAt", expires_at AS "expiresAt" FROM sessions WHERE id = $1 AND deleted_at IS NULL`,
      [sessionId],
    );
    const active = !!session && !session.revokedAt && session.expiresAt > new Date();
    // NX: a revocation that landed while we read PostgreSQL must not be overwritten by a stale 'active'.
    // Not awaited: the answer is known, and a silent Redis must not hold the request for the write.
    void this.redis
      .set(
        this.cacheKey(sessionId),
        active ? 'active' : 'revoked',
        'EX',
        active ? ACTIVE_CACHE_SECONDS : ACCESS_TOKEN_TTL_SECONDS + 60,
        'NX',
      )
      .catch(() => undefined);
    return active;
  }

  /** One UPDATE … RETURNING for every live session matching `where`. */
  private async revokeLive(
    manager: EntityManager,
    where: { userId: string; tenantId?: string },
    reason: RevokeReason,
  ): Promise<string[]> {
    const result = await manager
      .getRepository(SessionEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where({ ...where, revokedAt: IsNull() })
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  private cacheKey(sessionId: string): string {
    return `${this.env.QUEUE_PREFIX}:session:${sessionId}`;
  }

  private async markRevoked(manager: EntityManager, sessionId: string, reason: RevokeReason): Promise<void> {
    await manager
      .getRepository(SessionEntity)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  private async issueRefresh(manager: EntityManager, session: SessionEntity): Promise<string> {
    const expiresAt = new Date(Math.min(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000, session.expiresAt.getTime()));
    const token = await this.tokens.signRefresh({ sub: session.userId, sid: session.id, jti: randomUUID() }, expiresAt);
    const repo = manager.getRepository(RefreshTokenEntity);
    await repo.save(repo.create({ sessionId: session.id, tokenHash: sha256(token), expiresAt, usedAt: null }));
    return token;
  }
}
