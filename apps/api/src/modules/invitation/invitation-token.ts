import { randomBytes } from 'node:crypto';
import { sha256 } from '../session';
import { INVITATION_TTL_SECONDS } from './invitation.constants';

/** A new single-use token (32 random bytes), its hash for the database, and its expiry. */
export function newInvitationToken(now = new Date()): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000) };
}
