import { Injectable, Module } from '@nestjs/common';
import { AccessService, SessionModule } from '../../modules/session';

/** Who opened a socket: the verified caller of an active session. */
export interface Subscriber {
  userId: string;
  tenantId: string;
}

/**
 * graphql-ws `connection_init`: the socket is accepted only with
 * `{ authorization: "Bearer <access token>" }` of an active session; the
 * auth guard then checks each subscription as it checks HTTP operations.
 */
@Injectable()
export class SubscriptionAuth {
  constructor(private readonly access: AccessService) {}

  /** The caller, or null for a missing, bad or expired token or an ended session. */
  async subscriber(authorization: unknown): Promise<Subscriber | null> {
    const claims = await this.access.activeClaims(authorization);
    return claims ? { userId: claims.sub, tenantId: claims.tid } : null;
  }
}

@Module({ imports: [SessionModule], providers: [SubscriptionAuth], exports: [SubscriptionAuth] })
export class SubscriptionAuthModule {}
