import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EMAIL_QUEUE } from '@app/queue';
import { MetricsService } from './metrics.service';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Reads the queue depths at scrape time (a failed read leaves the last values). */
@Injectable()
export class QueueDepthCollector {
  constructor(
    private readonly metrics: MetricsService,
    @InjectQueue(EMAIL_QUEUE) private readonly email: Queue,
  ) {}

  async collect(): Promise<void> {
    try {
      const counts = await this.email.getJobCounts(...STATES);
      for (const state of STATES) this.metrics.queueJobs.set({ queue: EMAIL_QUEUE, state }, counts[state] ?? 0);
    } catch {
      // Redis down: /health reports it; metrics keep serving.
    }
  }
}
