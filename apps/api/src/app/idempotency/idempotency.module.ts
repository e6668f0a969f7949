import { Module } from '@nestjs/common';
import { RedisModule } from '@app/core';
import { SessionModule } from '../../modules/session';
import { IdempotencyPlugin } from './idempotency.plugin';
import { IdempotencyService } from './idempotency.service';

/** Idempotency keys for every mutation (an Apollo plugin; rules in IdempotencyService). */
@Module({
  imports: [RedisModule, SessionModule],
  providers: [IdempotencyService, IdempotencyPlugin],
  exports: [IdempotencyPlugin],
})
export class IdempotencyModule {}
