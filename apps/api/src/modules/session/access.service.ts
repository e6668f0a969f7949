import { Injectable } from '@nestjs/common';
import { SessionService } from './session.service';
import { TokenService, type AccessClaims } from './token.service';

/** The token of an `Authorization: Bearer <token>` value, or undefined for anything else. */
export function bearerToken(authorization: unknown): string | undefined {
  return typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
}

/**
 * Who holds an access token, for the parts of the edge that must know before
 * the auth guard runs (graphql-ws `connection_init`, the idempotency gate):
 * one copy of "verified and its session still active".
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  /** The claims of an active session's access token, or null (missing, malformed, expired, ended); never throws. */
  async activeClaims(authorization: unknown): Promise<AccessClaims | null> {
    const token = bearerToken(authorization);
    if (!token) return null;
    try {
      const claims = await this.tokens.verifyAccess(token);
      return (await this.sessions.isActive(claims)) ? claims : null;
    } catch {
      return null;
    }
  }
}
