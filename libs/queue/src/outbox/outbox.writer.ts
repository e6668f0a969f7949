import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentJobMeta, type JobMeta } from '../job-meta';
import { OutboxEntity } from './outbox.entity';

/**
 * Writes jobs into the outbox inside the caller's transaction: they exist if
 * and only if the change that caused them committed. No Redis on this path,
 * so an API call succeeds while Redis is down; the relay publishes later.
 */
@Injectable()
export class OutboxWriter {
  async add<T extends { meta: JobMeta }>(
    manager: EntityManager,
    queue: string,
    jobName: string,
    data: Omit<T, 'meta'>,
  ): Promise<string> {
    const meta = currentJobMeta();
    const result = await manager.getRepository(OutboxEntity).insert({
      queue,
      jobName,
      payload: { ...data, meta },
      requestId: meta.requestId,
      tenantId: meta.tenantId ?? null,
    });
    return (result.identifiers[0] as { id: string }).id;
  }
}
