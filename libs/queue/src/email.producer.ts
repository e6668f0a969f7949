import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { EMAIL_QUEUE, EmailJob } from './queue.constants';
import { currentJobMeta, type PingJobData } from './job-meta';

/** Thin producer: puts jobs on the email queue with the caller's request id. */
@Injectable()
export class EmailProducer {
  constructor(@InjectQueue(EMAIL_QUEUE) private readonly queue: Queue<PingJobData>) {}

  ping(workMs = 0): Promise<Job<PingJobData>> {
    return this.queue.add(EmailJob.PING, { meta: currentJobMeta(), workMs });
  }
}
