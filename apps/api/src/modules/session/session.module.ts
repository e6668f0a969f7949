import { Module } from '@nestjs/common';
import { RedisModule } from '@app/core';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { AccessService } from './access.service';

/** Access/refresh tokens and the sessions behind them; used by auth (issue, verify) and membership (revoke). */
@Module({
  imports: [RedisModule],
  providers: [TokenService, SessionService, AccessService],
  exports: [TokenService, SessionService, AccessService],
})
export class SessionModule {}
