import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PinoLogger, InjectPinoLogger } from 'nestjs-pino';
import { EMAIL_QUEUE, EmailJob, runInJobContext, type PingJobData } from '@app/queue';

/**
 * Consumes the email queue. Each job runs inside the request context of the
 * request that caused it, so its log lines carry that requestId and tenantId.
 * (The email templates and SMTP sending arrive with the identity/invitation
 * issues; `ping` proves the queue end to end.)
 */
@Processor(EMAIL_QUEUE, { concurrency: 5 })
export class EmailProcessor extends WorkerHost {
  constructor(@InjectPinoLogger(EmailProcessor.name) private readonly logger: PinoLogger) {
    super();
  }

  async process(job: Job<PingJobData>): Promise<unknown> {
    return runInJobContext(job.data.meta, async () => {
      this.logger.info({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 }, 'job started');
      switch (job.name) {
        case EmailJob.PING: {
          const workMs = Math.min(Math.max(job.data.workMs ?? 0, 0), 30_000);
          if (workMs > 0) await new Promise((r) => setTimeout(r, workMs));
          this.logger.info({ jobId: job.id, job: job.name }, 'job completed');
          return { pong: true };
        }
        default:
          this.logger.error({ jobId: job.id, job: job.name }, 'unknown job name');
          throw new Error(`unknown job ${job.name}`);
      }
    });
  }
}
