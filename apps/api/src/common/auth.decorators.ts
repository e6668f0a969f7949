/** Shared by every feature module: who may call an operation, and who is calling. */
import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { UnauthenticatedException } from '@app/core';
import type { Work } from '@app/database';
import type { Caller } from './caller';
import type { Role } from './role.enum';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** Opts an operation (or a controller) out of the global auth guard. Only the contract's PUBLIC operations. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Restricts an operation to these roles in the caller's tenant (FORBIDDEN otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** Who is calling: set by the auth guard from a verified access token and an active session. */
export interface AuthContext extends Caller {
  sessionId: string;
}

export interface RequestWithAuth {
  auth?: AuthContext;
  /** The request's read unit of work, under the caller's tenant and user (set with `auth`). */
  work?: Work;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

export function requestOf(context: ExecutionContext): RequestWithAuth {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithAuth }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithAuth>();
}

/** The verified caller (only on guarded operations). */
export const CurrentAuth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext =>
  authOf(context),
);

function authOf(context: ExecutionContext): AuthContext {
  const auth = requestOf(context).auth;
  // Only reachable on a @Public() operation that asks for the caller: a programming error, refused safely.
  if (!auth) throw new UnauthenticatedException();
  return auth;
}

/**
 * The request's read unit of work: every read of the operation (its lists,
 * its DataLoaders) runs under the caller's tenant and user through it.
 */
export const CurrentWork = createParamDecorator((_data: unknown, context: ExecutionContext): Work => {
  const work = requestOf(context).work;
  if (!work) throw new UnauthenticatedException();
  return work;
});

/** The caller's user id (from the verified token; never from input). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => authOf(context).userId,
);

/** The caller's tenant id (from the verified token; never from input). */
export const CurrentTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => authOf(context).tenantId,
);

/** The client's address and user agent, for rate limits and the audit trail. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

export const Client = createParamDecorator((_data: unknown, context: ExecutionContext): ClientInfo => {
  const req = requestOf(context);
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? 'unknown', userAgent: typeof ua === 'string' ? ua.slice(0, 256) : '' };
});
