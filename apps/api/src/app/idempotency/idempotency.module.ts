import { Module } from '@nestjs/common';
import { RedisModule } from '@app/core';
import { SessionModule } from '../../modules/session';
import { IdempotencyGate } from './idempotency.gate';
import { IdempotencyService } from './idempotency.service';

/** Idempotency keys for every mutation (the GraphQL transports ask the gate; rules in IdempotencyService). */
@Module({
  imports: [RedisModule, SessionModule],
  providers: [IdempotencyService, IdempotencyGate],
  exports: [IdempotencyGate],
})
export class IdempotencyModule {}
