export * from './outbox.entity';
export * from './processed-job.entity';
export * from './outbox.writer';

import { OutboxEntity } from './outbox.entity';
import { ProcessedJobEntity } from './processed-job.entity';

/** The tables of the queue library, for the entity registry and the worker's data source. */
export const QUEUE_ENTITIES = [OutboxEntity, ProcessedJobEntity];
