import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RedisModule } from '@app/core';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { SessionEntity } from './entities/session.entity';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

/** Access/refresh tokens and the sessions behind them; used by auth (issue, verify) and membership (revoke). */
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity, RefreshTokenEntity]), RedisModule],
  providers: [TokenService, SessionService],
  exports: [TokenService, SessionService],
})
export class SessionModule {}
