import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenException } from '@app/core';
import type { Role } from '../../membership';
import { ROLES, requestOf } from '../../../common/auth.decorators';

/** @Roles(...): the caller's role in the current tenant must be one of them. Runs after AuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const role = requestOf(context).auth?.role;
    if (!role || !roles.includes(role)) throw new ForbiddenException('Your role does not allow this');
    return true;
  }
}
