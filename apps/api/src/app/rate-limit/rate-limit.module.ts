import { Module } from '@nestjs/common';
import { RedisModule } from '@app/core';
import { SessionModule } from '../../modules/session';
import { RequestRateLimiter } from './request-rate-limiter';

/** The general per-user / per-IP request limit (configureApp mounts its middleware). */
@Module({
  imports: [RedisModule, SessionModule],
  providers: [RequestRateLimiter],
  exports: [RequestRateLimiter],
})
export class RateLimitModule {}
