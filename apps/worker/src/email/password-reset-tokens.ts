import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database, NO_TENANT, queryOne } from '@app/database';
import type { MailRecipient } from '@app/queue';

/**
 * The worker's half of requestPasswordReset: the address's account, if any,
 * gets a new single-use reset token (32 random bytes; only the SHA-256 is
 * stored, and the older unused ones stop working, as the API's own tokens do).
 */
@Injectable()
export class PasswordResetTokens {
  constructor(private readonly database: Database) {}

  /** The recipient and the token in clear (for the link only), or null when no account has this address. */
  async issue(email: string, ttlSeconds: number): Promise<{ recipient: MailRecipient; token: string } | null> {
    return this.database.transaction(NO_TENANT, async (tx) => {
      const user = await queryOne<{ id: string; email: string; name: string }>(
        tx,
        `SELECT id, email, name FROM users WHERE email = $1 AND deleted_at IS NULL`,
        [email],
      );
      if (!user) return null;
      const token = randomBytes(32).toString('base64url');
      await tx.query(
        `UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'PASSWORD_RESET' AND used_at IS NULL`,
        [user.id],
      );
      await tx.query(
        `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at)
         VALUES ($1, 'PASSWORD_RESET', $2, now() + make_interval(secs => $3))`,
        [user.id, createHash('sha256').update(token).digest('hex'), ttlSeconds],
      );
      return { recipient: { to: user.email, name: user.name }, token };
    });
  }
}
