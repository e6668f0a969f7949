import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { InjectEnv, type Env } from '@app/core';
import { Database, NO_TENANT, type Statements } from '@app/database';
import { EMAIL_QUEUE, runInJobContext, type JobMeta } from '@app/queue';

/** Rows taken per round; a full round is followed at once by the next. */
export const RELAY_BATCH_SIZE = 100;
/** A publish that has not finished by then counts as failed (Redis unreachable). */
const PUBLISH_TIMEOUT_MS = 5_000;
/** Failed publishes wait 2^attempts seconds, at most this long. */
const MAX_BACKOFF_SECONDS = 300;
const PRUNE_EVERY_MS = 3_600_000;

interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  payload: { meta?: JobMeta } & Record<string, unknown>;
  attempts: number;
}

/**
 * Moves committed outbox rows to BullMQ (ADR 008). Safe with any number of
 * workers: each round locks its rows with FOR UPDATE SKIP LOCKED. The outbox
 * id becomes the job id, so a publish repeated after a crash does not create
 * a second job while the first is kept; the consumer's ledger covers the rest.
 * A publish that fails (Redis down) is retried with backoff; nothing is lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly queues: Map<string, Queue>;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastPrune = 0;

  constructor(
    private readonly database: Database,
    @InjectQueue(EMAIL_QUEUE) email: Queue,
    @InjectEnv() private readonly env: Env,
    @InjectPinoLogger(OutboxRelay.name) private readonly logger: PinoLogger,
  ) {
    this.queues = new Map([[EMAIL_QUEUE, email]]);
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  /** Finishes the current round, then stops (before the database and queues close). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  /** One round: publishes what is due, returns how many rows it published. */
  relayOnce(): Promise<number> {
    // The outbox has no tenant: a transaction of no tenant holds its rows' locks for the round.
    return this.database.transaction(NO_TENANT, async (tx) => {
      const rows = await tx.query<OutboxRow>(
        `SELECT id, queue, job_name, payload, attempts FROM outbox
          WHERE published_at IS NULL AND available_at <= now()
          ORDER BY available_at, created_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [RELAY_BATCH_SIZE],
      );
      const published: string[] = [];
      for (const row of rows) {
        const queue = this.queues.get(row.queue);
        try {
          if (!queue) throw new Error(`unknown queue "${row.queue}"`);
          await this.publish(queue, row);
          published.push(row.id);
        } catch (err) {
          await this.postpone(tx, row, err);
          // Redis is most likely down: the other rows wait for the next round.
          if (queue) break;
        }
      }
      if (published.length > 0) {
        // The payload may hold single-use tokens: it is not kept once the job exists.
        await tx.query(`UPDATE outbox SET published_at = now(), payload = NULL WHERE id = ANY($1::uuid[])`, [
          published,
        ]);
      }
      return published.length;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let published = 0;
      try {
        published = await this.relayOnce();
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune();
      } catch (err) {
        this.logger.error({ err }, 'outbox relay round failed; retrying');
      }
      // (A method, not the field: the field may change while the round runs.)
      if (published < RELAY_BATCH_SIZE && !this.isStopping()) await this.sleep(this.env.OUTBOX_POLL_MS);
    }
  }

  private async publish(queue: Queue, row: OutboxRow): Promise<void> {
    await runInJobContext(row.payload.meta, async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`publishing took longer than ${PUBLISH_TIMEOUT_MS} ms`));
        }, PUBLISH_TIMEOUT_MS);
      });
      try {
        // The ledger (processed_jobs) is the lasting record of what ran; the job's data may hold a token.
        await Promise.race([queue.add(row.job_name, row.payload, { jobId: row.id, removeOnComplete: true }), timeout]);
      } finally {
        clearTimeout(timer);
      }
      this.logger.info({ jobId: row.id, queue: row.queue, job: row.job_name }, 'outbox job published');
    });
  }

  private async postpone(tx: Statements, row: OutboxRow, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    await tx.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
              available_at = now() + make_interval(secs => least(power(2, attempts), $3::double precision))
        WHERE id = $1`,
      [row.id, message.slice(0, 500), MAX_BACKOFF_SECONDS],
    );
    await runInJobContext(row.payload.meta, () => {
      this.logger.warn(
        { jobId: row.id, queue: row.queue, job: row.job_name, attempts: row.attempts + 1, error: message },
        'outbox job not published; will retry',
      );
      return Promise.resolve();
    });
  }

  /** Published rows are kept a week for tracing; the ledger a month (longer than any redelivery). */
  private async prune(): Promise<void> {
    this.lastPrune = Date.now();
    const work = this.database.read(NO_TENANT);
    await work.query(`DELETE FROM outbox WHERE published_at < now() - interval '7 days'`);
    await work.query(`DELETE FROM processed_jobs WHERE processed_at < now() - interval '30 days'`);
  }

  private isStopping(): boolean {
    return this.stopping;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
