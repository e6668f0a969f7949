import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_ENV, type Env } from '@app/core';
import { DEFAULT_JOB_OPTIONS, EMAIL_QUEUE, MAINTENANCE_QUEUE } from './queue.constants';
import { EmailProducer } from './email.producer';
import { EmailOutbox } from './email.outbox';
import { OutboxWriter } from './outbox/outbox.writer';

/**
 * The BullMQ connection (REDIS_URL, keys under QUEUE_PREFIX) and the queues.
 * Imported by the API (producers) and the worker (processors).
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_ENV],
      useFactory: (env: Env) => ({
        connection: { url: env.REDIS_URL, maxRetriesPerRequest: null },
        prefix: env.QUEUE_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue({ name: EMAIL_QUEUE }, { name: MAINTENANCE_QUEUE }),
  ],
  providers: [EmailProducer, OutboxWriter, EmailOutbox],
  exports: [BullModule, EmailProducer, OutboxWriter, EmailOutbox],
})
export class QueueModule {}
