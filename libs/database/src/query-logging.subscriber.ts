import { Logger } from '@nestjs/common';
import { EventSubscriber, type AfterQueryEvent, type EntitySubscriberInterface } from 'typeorm';

const MAX_SQL_LENGTH = 2000;

/**
 * Logs a SQL statement at debug with its duration, and statements slower than
 * `slowQueryMs` (or failed) at warn. Parameters are never logged (they may
 * hold personal data or secrets). The request id comes from the logger's
 * context. One instance serves TypeORM's statements (the subscriber below)
 * and the units of work's (`Database`).
 */
export class StatementLog {
  private readonly logger = new Logger('Database');

  constructor(
    readonly slowQueryMs: number,
    /** Every statement at debug (off unless the log level shows debug lines). */
    readonly logStatements: boolean,
  ) {}

  record(query: string, durationMs: number, error?: unknown): void {
    // The usual case at info: nothing to log, nothing to build.
    if (error === undefined && durationMs < this.slowQueryMs && !this.logStatements) return;
    const sql = query.length > MAX_SQL_LENGTH ? `${query.slice(0, MAX_SQL_LENGTH)}…` : query;
    if (error !== undefined) {
      this.logger.warn({ sql, durationMs, error: error instanceof Error ? error.message : 'unknown' }, 'query failed');
    } else if (durationMs >= this.slowQueryMs) {
      this.logger.warn({ sql, durationMs, slowQueryMs: this.slowQueryMs }, 'slow query');
    } else {
      this.logger.debug({ sql, durationMs }, 'query');
    }
  }
}

/** TypeORM's statements into a StatementLog. */
export class QueryLoggingSubscriber implements EntitySubscriberInterface {
  readonly log: StatementLog = new StatementLog(200, true);

  afterQuery(event: AfterQueryEvent<unknown>): void {
    this.log.record(event.query, event.executionTime ?? 0, event.success ? undefined : (event.error ?? 'unknown'));
  }
}

/**
 * TypeORM instantiates subscribers itself (no arguments): a class per
 * setting. `logStatements`: every statement at debug (off unless the log
 * level shows debug lines); failed and slow ones are logged either way.
 */
export function queryLoggingSubscriber(slowQueryMs: number, logStatements = true): new () => EntitySubscriberInterface {
  const subscriber = class extends QueryLoggingSubscriber {
    override readonly log = new StatementLog(slowQueryMs, logStatements);
  };
  // TypeORM only instantiates classes registered with @EventSubscriber().
  EventSubscriber()(subscriber);
  return subscriber;
}
