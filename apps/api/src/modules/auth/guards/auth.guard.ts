import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import { RequestContext, UnauthenticatedException } from '@app/core';
import { Database } from '@app/database';
import { SessionService } from '../../session';
import { TokenService } from '../../session';
import { IS_PUBLIC, requestOf } from '../../../common/auth.decorators';

/**
 * Global, deny by default: every operation needs a valid access token of an
 * active session unless it is marked @Public(). On success the caller's ids
 * go into the request context (and so into every log line), and the request
 * gets its read unit of work under the caller's tenant and user.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly logger: PinoLogger,
    private readonly database: Database,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const req = requestOf(context);
    if (req.auth) return true; // already verified for this request (another field of the same operation)
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match?.[1]) throw new UnauthenticatedException('Authentication required');

    const claims = await this.tokens.verifyAccess(match[1]);
    if (!(await this.sessions.isActive(claims))) throw new UnauthenticatedException('Session ended; sign in again');

    req.auth = { userId: claims.sub, tenantId: claims.tid, role: claims.role, sessionId: claims.sid };
    req.work = this.database.read({ tenantId: claims.tid, userId: claims.sub });
    RequestContext.assign({ userId: claims.sub, tenantId: claims.tid, role: claims.role });
    try {
      this.logger.assign({ userId: claims.sub, tenantId: claims.tid });
    } catch {
      // outside an HTTP request (subscriptions): the request context still carries the ids
    }
    return true;
  }
}
