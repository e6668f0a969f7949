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

  afterQuery(event: AfterQueryEvent<unknown>): void {
    const durationMs = event.executionTime ?? 0;
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

/** TypeORM instantiates subscribers itself (no arguments): a class per threshold. */
export function queryLoggingSubscriber(slowQueryMs: number): new () => EntitySubscriberInterface {
  const subscriber = class extends QueryLoggingSubscriber {
    protected override readonly slowQueryMs = slowQueryMs;
  };
  // TypeORM only instantiates classes registered with @EventSubscriber().
  EventSubscriber()(subscriber);
  return subscriber;
}
