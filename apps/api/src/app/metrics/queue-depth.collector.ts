import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EMAIL_QUEUE, MAINTENANCE_QUEUE } from '@app/queue';
import { MetricsService } from './metrics.service';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Reads the queue depths at scrape time (a failed read leaves the last values). */
@Injectable()
export class QueueDepthCollector {
  constructor(
    private readonly metrics: MetricsService,
    @InjectQueue(EMAIL_QUEUE) email: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) maintenance: Queue,
  ) {
    this.queues = [email, maintenance];
  }

  private readonly queues: Queue[];

  async collect(): Promise<void> {
    try {
      for (const queue of this.queues) {
        const counts = await queue.getJobCounts(...STATES);
        for (const state of STATES) this.metrics.queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    } catch {
      // Redis down: /health reports it; metrics keep serving.
    }
  }
}
