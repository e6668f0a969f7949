import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PinoLogger, InjectPinoLogger } from 'nestjs-pino';
import { InjectEnv, type Env } from '@app/core';
import {
  MailService,
  invitationMail,
  passwordResetMail,
  tokenLink,
  verifyEmailMail,
  welcomeMail,
  type RenderedMail,
} from '@app/mail';
import { JobLedger } from '../jobs/job-ledger.service';
import { PasswordResetTokens } from './password-reset-tokens';
import {
  EMAIL_QUEUE,
  EmailJob,
  runInJobContext,
  type EmailJobData,
  type InvitationEmailData,
  type PasswordResetRequestData,
  type PingJobData,
  type TokenEmailData,
  type WelcomeEmailData,
} from '@app/queue';

/**
 * Consumes the email queue. Each job runs inside the request context of the
 * request that caused it, so its log lines carry that requestId and tenantId.
 * A failure throws: BullMQ retries with backoff, then keeps the job in the
 * failed set. Sent emails are recorded in the ledger, so a redelivered job
 * does not send its email again (ADR 008).
 */
@Processor(EMAIL_QUEUE)
export class EmailProcessor extends WorkerHost {
  constructor(
    @InjectPinoLogger(EmailProcessor.name) private readonly logger: PinoLogger,
    private readonly mail: MailService,
    private readonly ledger: JobLedger,
    private readonly resetTokens: PasswordResetTokens,
    @InjectEnv() private readonly env: Env,
  ) {
    super();
  }

  async process(job: Job<EmailJobData>): Promise<Record<string, unknown>> {
    return runInJobContext(job.data.meta, async () => {
      this.logger.info({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 }, 'job started');
      // Redelivered after its email went out (a crash, a stalled job, a repeated publish): do not send twice.
      const sideEffect = job.name !== EmailJob.PING && job.id !== undefined;
      const earlier = sideEffect ? await this.ledger.done(EMAIL_QUEUE, String(job.id)) : undefined;
      if (earlier) {
        this.logger.info({ jobId: job.id, job: job.name }, 'job already done; not repeated');
        await this.forgetSecrets(job);
        return earlier;
      }
      let result: Record<string, unknown>;
      try {
        result = await this.run(job);
      } catch (err) {
        // The last attempt: the job stays in the failed set (for its error), its token does not.
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.forgetSecrets(job);
        throw err;
      }
      if (sideEffect) await this.ledger.record(EMAIL_QUEUE, String(job.id), job.name, result);
      await this.forgetSecrets(job);
      this.logger.info({ jobId: job.id, job: job.name }, 'job completed');
      return result;
    });
  }

  /**
   * Once the email is sent, or will never be: the job's single-use token
   * leaves its data, so that neither the failed set nor the queue dashboard
   * shows it (the user asks for a new link; the token's hash stays in PostgreSQL).
   */
  private async forgetSecrets(job: Job<EmailJobData>): Promise<void> {
    if (!('token' in job.data)) return;
    const { token: _token, ...rest } = job.data as TokenEmailData;
    await job.updateData(rest as EmailJobData).catch((err: unknown) => {
      this.logger.warn({ err, jobId: job.id }, 'could not remove the token from the job');
    });
  }

  private async run(job: Job<EmailJobData>): Promise<Record<string, unknown>> {
    switch (job.name) {
      case EmailJob.PING: {
        const data = job.data as PingJobData;
        const workMs = Math.min(Math.max(data.workMs ?? 0, 0), 30_000);
        if (workMs > 0) await new Promise((r) => setTimeout(r, workMs));
        return { pong: true };
      }
      case EmailJob.WELCOME: {
        const data = job.data as WelcomeEmailData;
        return this.send(job, data.to, welcomeMail(data.name, data.tenantName));
      }
      case EmailJob.VERIFY_EMAIL:
        return this.sendTokenMail(job as Job<TokenEmailData>, 'verify-email', verifyEmailMail);
      case EmailJob.PASSWORD_RESET:
        return this.sendTokenMail(job as Job<TokenEmailData>, 'reset-password', passwordResetMail);
      case EmailJob.PASSWORD_RESET_REQUEST: {
        const data = job.data as PasswordResetRequestData;
        const issued = await this.resetTokens.issue(data.email, data.ttlSeconds);
        // An address without an account: nothing to send (and the API's answer did not say so).
        if (!issued) return { sent: false };
        const link = tokenLink(this.env.APP_URL, 'reset-password', issued.token);
        return this.send(job, issued.recipient.to, passwordResetMail(issued.recipient.name, link));
      }
      case EmailJob.INVITATION: {
        const data = job.data as InvitationEmailData;
        const link = tokenLink(this.env.APP_URL, 'accept-invitation', data.token);
        return this.send(
          job,
          data.to,
          invitationMail(data.inviterName, data.tenantName, data.role, link, new Date(data.expiresAt)),
        );
      }
      default:
        this.logger.error({ jobId: job.id, job: job.name }, 'unknown job name');
        throw new Error(`unknown job ${job.name}`);
    }
  }

  /** A mail whose link carries the job's single-use token: APP_URL/<path>?token=… */
  private sendTokenMail(
    job: Job<TokenEmailData>,
    path: string,
    render: (name: string, link: string) => RenderedMail,
  ): Promise<{ messageId: string }> {
    const { to, name, token } = job.data;
    return this.send(job, to, render(name, tokenLink(this.env.APP_URL, path, token)));
  }

  private async send(job: Job<EmailJobData>, to: string, mail: RenderedMail): Promise<{ messageId: string }> {
    const messageId = await this.mail.send(to, mail, { 'X-Request-Id': job.data.meta.requestId });
    this.logger.info({ jobId: job.id, job: job.name, messageId }, 'email sent');
    return { messageId };
  }
}

/**
 * The email worker's options, from the environment (set before Nest creates
 * the worker). A job whose worker stops renewing its lock (crashed, killed)
 * is taken over by another worker once the lock expires.
 */
export function configureEmailWorker(env: Env): void {
  Processor(EMAIL_QUEUE, {
    concurrency: 5,
    lockDuration: env.QUEUE_LOCK_DURATION_MS,
    stalledInterval: env.QUEUE_LOCK_DURATION_MS,
  })(EmailProcessor);
}
