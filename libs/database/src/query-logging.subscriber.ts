import { Logger } from '@nestjs/common';
import { EventSubscriber, type AfterQueryEvent, type EntitySubscriberInterface } from 'typeorm';

const MAX_SQL_LENGTH = 2000;

/**
 * Logs every SQL statement at debug with its duration, and statements slower
 * than `slowQueryMs` at warn. Parameters are never logged (they may hold
 * personal data or secrets). The request id comes from the logger's context.
 */
class QueryLoggingSubscriber implements EntitySubscriberInterface {
  private readonly logger = new Logger('Database');
  protected readonly slowQueryMs: number = 200;
  protected readonly logStatements: boolean = true;

  afterQuery(event: AfterQueryEvent<unknown>): void {
    const durationMs = event.executionTime ?? 0;
    // The usual case at info: nothing to log, nothing to build.
    if (event.success && durationMs < this.slowQueryMs && !this.logStatements) return;
    const sql = event.query.length > MAX_SQL_LENGTH ? `${event.query.slice(0, MAX_SQL_LENGTH)}…` : event.query;
    if (!event.success) {
      this.logger.warn(
        { sql, durationMs, error: event.error instanceof Error ? event.error.message : 'unknown' },
        'query failed',
      );
    } else if (durationMs >= this.slowQueryMs) {
      this.logger.warn({ sql, durationMs, slowQueryMs: this.slowQueryMs }, 'slow query');
    } else {
      this.logger.debug({ sql, durationMs }, 'query');
    }
  }
}

/**
 * TypeORM instantiates subscribers itself (no arguments): a class per
 * setting. `logStatements`: every statement at debug (off unless the log
 * level shows debug lines); failed and slow ones are logged either way.
 */
export function queryLoggingSubscriber(slowQueryMs: number, logStatements = true): new () => EntitySubscriberInterface {
  const subscriber = class extends QueryLoggingSubscriber {
    protected override readonly slowQueryMs = slowQueryMs;
    protected override readonly logStatements = logStatements;
  };
  // TypeORM only instantiates classes registered with @EventSubscriber().
  EventSubscriber()(subscriber);
  return subscriber;
}
