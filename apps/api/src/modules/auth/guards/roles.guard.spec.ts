import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenException } from '@app/core';
import { Roles, type AuthContext } from '../../../common/auth.decorators';
import { Role } from '../../../common/role.enum';
import { RolesGuard } from './roles.guard';

class Operations {
  @Roles(Role.OWNER, Role.ADMIN)
  adminsOnly(): void {}

  anyMember(): void {}
}

/** An HTTP-shaped execution context for one handler of Operations, with this caller. */
function contextFor(handler: keyof Operations, auth?: Partial<AuthContext>): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => Object.getOwnPropertyDescriptor(Operations.prototype, handler)?.value as unknown,
    getClass: () => Operations,
    switchToHttp: () => ({ getRequest: () => ({ headers: {}, auth }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('lets every signed-in role through an operation without @Roles()', () => {
    for (const role of [Role.OWNER, Role.ADMIN, Role.MEMBER]) {
      expect(guard.canActivate(contextFor('anyMember', { role }))).toBe(true);
    }
  });

  it('lets only the listed roles through, and refuses the others with FORBIDDEN', () => {
    expect(guard.canActivate(contextFor('adminsOnly', { role: Role.OWNER }))).toBe(true);
    expect(guard.canActivate(contextFor('adminsOnly', { role: Role.ADMIN }))).toBe(true);
    expect(() => guard.canActivate(contextFor('adminsOnly', { role: Role.MEMBER }))).toThrow(ForbiddenException);
  });

  it('refuses a restricted operation when no caller was established', () => {
    expect(() => guard.canActivate(contextFor('adminsOnly'))).toThrow(ForbiddenException);
  });
});
