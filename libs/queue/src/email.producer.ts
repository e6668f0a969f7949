import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { EMAIL_QUEUE, EmailJob } from './queue.constants';
import { currentJobMeta, type EmailJobData } from './job-meta';

/**
 * Puts jobs straight on the email queue, for jobs that may be lost (a ping
 * proving the queue). Emails that must go out go through EmailOutbox.
 */
@Injectable()
export class EmailProducer {
  constructor(@InjectQueue(EMAIL_QUEUE) private readonly queue: Queue<EmailJobData>) {}

  ping(workMs = 0): Promise<Job<EmailJobData>> {
    return this.queue.add(EmailJob.PING, { meta: currentJobMeta(), workMs });
  }
}
