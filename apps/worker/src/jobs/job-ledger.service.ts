import { Injectable } from '@nestjs/common';
import { Database, NO_TENANT, queryOne, type Work } from '@app/database';

/**
 * The idempotent consumer (ADR 008): delivery is at least once, so a job's
 * side effect is recorded once done, and a redelivered job that finds its
 * record skips the work. The window between the side effect and the record
 * (a crash right after sending) is the one place a duplicate can come from.
 */
@Injectable()
export class JobLedger {
  /** The ledger has no tenant: a unit of work of no tenant reads and writes it. */
  private readonly work: Work;

  constructor(database: Database) {
    this.work = database.read(NO_TENANT);
  }

  /** What the job returned when it was done, or undefined if it was not. */
  async done(queue: string, jobId: string): Promise<Record<string, unknown> | undefined> {
    const row = await queryOne<{ result: Record<string, unknown> | null }>(
      this.work,
      `SELECT result FROM processed_jobs WHERE queue = $1 AND job_id = $2`,
      [queue, jobId],
    );
    return row ? (row.result ?? {}) : undefined;
  }

  async record(queue: string, jobId: string, jobName: string, result: Record<string, unknown>): Promise<void> {
    // ON CONFLICT DO NOTHING: a second worker that raced to the same record changes nothing.
    await this.work.query(
      `INSERT INTO processed_jobs (queue, job_id, job_name, result) VALUES ($1, $2, $3, $4)
       ON CONFLICT (queue, job_id) DO NOTHING`,
      [queue, jobId, jobName, JSON.stringify(result)],
    );
  }
}
