import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MailRecipient } from '@app/queue';

/**
 * The worker's half of requestPasswordReset: the address's account, if any,
 * gets a new single-use reset token (32 random bytes; only the SHA-256 is
 * stored, and the older unused ones stop working, as the API's own tokens do).
 */
@Injectable()
export class PasswordResetTokens {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The recipient and the token in clear (for the link only), or null when no account has this address. */
  async issue(email: string, ttlSeconds: number): Promise<{ recipient: MailRecipient; token: string } | null> {
    return this.dataSource.transaction(async (manager) => {
      const [user] = await manager.query<({ id: string; email: string; name: string } | undefined)[]>(
        `SELECT id, email, name FROM users WHERE email = $1 AND deleted_at IS NULL`,
        [email],
      );
      if (!user) return null;
      const token = randomBytes(32).toString('base64url');
      await manager.query(
        `UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'PASSWORD_RESET' AND used_at IS NULL`,
        [user.id],
      );
      await manager.query(
        `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at)
         VALUES ($1, 'PASSWORD_RESET', $2, now() + make_interval(secs => $3))`,
        [user.id, createHash('sha256').update(token).digest('hex'), ttlSeconds],
      );
      return { recipient: { to: user.email, name: user.name }, token };
    });
  }
}
