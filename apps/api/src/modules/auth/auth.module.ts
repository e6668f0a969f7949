import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { RedisModule } from '@app/core';
import { QueueModule } from '@app/queue';
import { MembershipModule } from '../membership';
import { TenantModule } from '../tenant';
import { UserModule } from '../user';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { COMMAND_HANDLERS } from './commands';
import { QUERY_HANDLERS } from './queries';
import { AuthGuard } from './guards/auth.guard';
import { RolesGuard } from './guards/roles.guard';
import { PasswordService } from './password.service';
import { RateLimitService } from './rate-limit.service';
import { SessionModule } from '../session';
import { UserTokenService } from './user-token.service';

/** Identity: sign-up, login, tokens, sessions; installs the global auth and roles guards. */
@Module({
  imports: [CqrsModule, SessionModule, RedisModule, QueueModule, UserModule, TenantModule, MembershipModule],
  providers: [
    AuthResolver,
    AuthService,
    PasswordService,
    UserTokenService,
    RateLimitService,
    ...COMMAND_HANDLERS,
    ...QUERY_HANDLERS,
    // Order matters: authentication first, then roles.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService, PasswordService, RateLimitService, UserTokenService],
})
export class AuthModule {}
