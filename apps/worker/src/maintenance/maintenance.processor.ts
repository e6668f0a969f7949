import type { OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { MAINTENANCE_QUEUE, MaintenanceJob, runInJobContext, type JobMeta } from '@app/queue';
import { RequestContext } from '@app/core';
import { Database } from '@app/database';
import { expireStaleInvitations } from '@app/domain';

export const EXPIRE_INVITATIONS_EVERY_MS = 60_000;

/**
 * Periodic upkeep. Each task is a BullMQ job scheduler (one schedule however
 * many workers register it) and is idempotent, so a repeated run is harmless.
 * The rules they apply are the API's own (@app/domain), on the worker's
 * named cross-tenant paths.
 */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    private readonly database: Database,
    @InjectPinoLogger(MaintenanceProcessor.name) private readonly logger: PinoLogger,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      MaintenanceJob.EXPIRE_INVITATIONS,
      { every: EXPIRE_INVITATIONS_EVERY_MS },
      { name: MaintenanceJob.EXPIRE_INVITATIONS, data: { meta: { requestId: 'scheduler' } } },
    );
  }

  async process(job: Job<{ meta?: JobMeta }>): Promise<Record<string, unknown>> {
    return runInJobContext(job.data.meta, async () => {
      switch (job.name) {
        case MaintenanceJob.EXPIRE_INVITATIONS:
          return { expired: await this.expireInvitations(job) };
        default:
          this.logger.error({ jobId: job.id, job: job.name }, 'unknown job name');
          throw new Error(`unknown job ${job.name}`);
      }
    });
  }

  /** Invitations past their expiry become EXPIRED (acceptance checks the clock too): the invitation module's rule. */
  private async expireInvitations(job: Job): Promise<number> {
    // Every tenant's stale invitations: the narrow `expire-invitations` path of row-level security (ADR 013).
    const rows = await expireStaleInvitations(
      this.database.read({ path: 'expire-invitations' }),
      RequestContext.requestId() ?? `job:${String(job.id)}`,
    );
    if (rows.length > 0) {
      this.logger.info({ jobId: job.id, expired: rows.length, ids: rows.map((r) => r.id) }, 'invitations expired');
    }
    return rows.length;
  }
}
