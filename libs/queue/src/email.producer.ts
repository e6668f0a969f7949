import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { EMAIL_QUEUE, EmailJob } from './queue.constants';
import { currentJobMeta, type EmailJobData, type MailRecipient } from './job-meta';

/** Thin producer: puts jobs on the email queue with the caller's request id. */
@Injectable()
export class EmailProducer {
  constructor(@InjectQueue(EMAIL_QUEUE) private readonly queue: Queue<EmailJobData>) {}

  ping(workMs = 0): Promise<Job<EmailJobData>> {
    return this.queue.add(EmailJob.PING, { meta: currentJobMeta(), workMs });
  }

  welcome(recipient: MailRecipient, tenantName: string): Promise<Job<EmailJobData>> {
    return this.queue.add(EmailJob.WELCOME, { meta: currentJobMeta(), ...recipient, tenantName });
  }

  verifyEmail(recipient: MailRecipient, token: string): Promise<Job<EmailJobData>> {
    return this.queue.add(EmailJob.VERIFY_EMAIL, { meta: currentJobMeta(), ...recipient, token });
  }

  passwordReset(recipient: MailRecipient, token: string): Promise<Job<EmailJobData>> {
    return this.queue.add(EmailJob.PASSWORD_RESET, { meta: currentJobMeta(), ...recipient, token });
  }
}
