import { Injectable, Module } from '@nestjs/common';
import { SessionModule, SessionService, TokenService } from '../../modules/session';

/**
 * graphql-ws `connection_init`: the socket is accepted only with
 * `{ authorization: "Bearer <access token>" }` of an active session; the
 * auth guard then checks each subscription as it checks HTTP operations.
 */
@Injectable()
export class SubscriptionAuth {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  async accepts(authorization: unknown): Promise<boolean> {
    const token = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
    if (!token) return false;
    try {
      const claims = await this.tokens.verifyAccess(token);
      return await this.sessions.isActive(claims);
    } catch {
      return false;
    }
  }
}

@Module({ imports: [SessionModule], providers: [SubscriptionAuth], exports: [SubscriptionAuth] })
export class SubscriptionAuthModule {}
