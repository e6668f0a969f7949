import type { OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { MAINTENANCE_QUEUE, MaintenanceJob, runInJobContext, type JobMeta } from '@app/queue';
import { RequestContext } from '@app/core';
import { Database } from '@app/database';

export const EXPIRE_INVITATIONS_EVERY_MS = 60_000;

/**
 * Periodic upkeep. Each task is a BullMQ job scheduler (one schedule however
 * many workers register it) and is idempotent, so a repeated run is harmless.
 * These are the worker's cross-tenant paths: plain SQL over every tenant.
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

  /** PENDING invitations past their expiry become EXPIRED (acceptance checks the clock too). */
  private async expireInvitations(job: Job): Promise<number> {
    // One statement: the expiry and its audit rows (nobody acted: no actor; the job's request id).
    // Every tenant's stale invitations: the narrow `expire-invitations` path of row-level security (ADR 013).
    const rows = await this.database.read({ path: 'expire-invitations' }).query<{ id: string; tenant_id: string }>(
      `WITH expired AS (
         UPDATE invitations SET status = 'EXPIRED', responded_at = now(), updated_at = now()
          WHERE status = 'PENDING' AND expires_at <= now() AND deleted_at IS NULL
          RETURNING id, tenant_id
       ), audited AS (
         INSERT INTO audit_logs (tenant_id, action, resource_type, resource_id, request_id, details)
         SELECT tenant_id, 'invitation.expired', 'invitation', id, $1, '{}'::jsonb FROM expired
       )
       SELECT id, tenant_id FROM expired`,
      [RequestContext.requestId() ?? `job:${String(job.id)}`],
    );
    if (rows.length > 0) {
      this.logger.info({ jobId: job.id, expired: rows.length, ids: rows.map((r) => r.id) }, 'invitations expired');
    }
    return rows.length;
  }
}
