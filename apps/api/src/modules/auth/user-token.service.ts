import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { UserTokenEntity, UserTokenPurpose } from './entities/user-token.entity';
import { sha256 } from '../session';

/** Single-use tokens mailed to users: 32 random bytes, only the SHA-256 stored. */
@Injectable()
export class UserTokenService {
  async issue(manager: EntityManager, userId: string, purpose: UserTokenPurpose, ttlSeconds: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const repo = manager.getRepository(UserTokenEntity);
    // A new token of a purpose makes the older unused ones useless.
    await repo.update({ userId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
    await repo.save(
      repo.create({
        userId,
        purpose,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + ttlSeconds * 1000),
        usedAt: null,
      }),
    );
    return token;
  }

  /** Marks the token used and returns its user id, or null if it is unknown, used or expired. Locks the row. */
  async consume(manager: EntityManager, token: string, purpose: UserTokenPurpose): Promise<string | null> {
    const repo = manager.getRepository(UserTokenEntity);
    const row = await repo
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash AND t.purpose = :purpose', { hash: sha256(token), purpose })
      .getOne();
    if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
    const updated = await repo.update(
      { id: row.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      { usedAt: new Date() },
    );
    return updated.affected === 1 ? row.userId : null;
  }
}
