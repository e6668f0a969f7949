import { Injectable } from '@nestjs/common';
import { queryOne, type Statements, type Transaction } from '@app/database';
import { UserEntity } from './user.entity';

/** Every column of a user, named as the entity names them (rows of plain SQL). */
const USER = `id, email, name, password_hash AS "passwordHash", email_verified_at AS "emailVerifiedAt",
  created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"`;

/**
 * Users: lookups, creation and the changes other modules ask for. The one
 * module that reads and writes the users table. Emails are compared and
 * stored lower-cased. Reads take any unit of work (the users table has no
 * tenant), writes the caller's transaction.
 */
@Injectable()
export class UserService {
  static normaliseEmail(email: string): string {
    return email.trim().toLowerCase();
  }

  async findById(db: Statements, id: string): Promise<UserEntity | null> {
    return (
      (await queryOne<UserEntity>(db, `SELECT ${USER} FROM users WHERE id = $1 AND deleted_at IS NULL`, [id])) ?? null
    );
  }

  /** The user `id`, who must exist (a row the caller's transaction just relied on). */
  async getById(db: Statements, id: string): Promise<UserEntity> {
    const user = await this.findById(db, id);
    if (!user) throw new Error(`user ${id} is gone`);
    return user;
  }

  async findByEmail(db: Statements, email: string): Promise<UserEntity | null> {
    const sql = `SELECT ${USER} FROM users WHERE email = $1 AND deleted_at IS NULL`;
    return (await queryOne<UserEntity>(db, sql, [UserService.normaliseEmail(email)])) ?? null;
  }

  create(tx: Transaction, data: { email: string; name: string; passwordHash: string }): Promise<UserEntity> {
    const repo = tx.manager.getRepository(UserEntity);
    return repo.save(
      repo.create({
        email: UserService.normaliseEmail(data.email),
        name: data.name.trim(),
        passwordHash: data.passwordHash,
        emailVerifiedAt: null,
      }),
    );
  }

  async setPasswordHash(tx: Transaction, id: string, passwordHash: string): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, passwordHash]);
  }

  /** The address was proven (a token reached the mailbox); a user already verified keeps the first date. */
  async markEmailVerified(tx: Transaction, id: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE users SET email_verified_at = $2, updated_at = now() WHERE id = $1 AND email_verified_at IS NULL`,
      [id, at],
    );
  }
}
