import { Logger } from '@nestjs/common';
import type { AfterQueryEvent } from 'typeorm';
import { queryLoggingSubscriber } from './query-logging.subscriber';

const event = (executionTime: number, success = true): AfterQueryEvent<unknown> =>
  ({ query: 'SELECT 1', executionTime, success, error: success ? undefined : new Error('boom') }) as never;

describe('queryLoggingSubscriber', () => {
  let debug: jest.SpyInstance;
  let warn: jest.SpyInstance;
  beforeEach(() => {
    debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs every statement at debug when asked to', () => {
    const subscriber = new (queryLoggingSubscriber(100, true))();
    void subscriber.afterQuery?.(event(3));
    expect(debug).toHaveBeenCalledWith({ sql: 'SELECT 1', durationMs: 3 }, 'query');
    expect(warn).not.toHaveBeenCalled();
  });

  it('without statement logging, still logs slow and failed statements at warn, and nothing else', () => {
    const subscriber = new (queryLoggingSubscriber(100, false))();
    void subscriber.afterQuery?.(event(3));
    expect(debug).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    void subscriber.afterQuery?.(event(150));
    expect(warn).toHaveBeenCalledWith({ sql: 'SELECT 1', durationMs: 150, slowQueryMs: 100 }, 'slow query');
    void subscriber.afterQuery?.(event(2, false));
    expect(warn).toHaveBeenCalledWith({ sql: 'SELECT 1', durationMs: 2, error: 'boom' }, 'query failed');
    expect(debug).not.toHaveBeenCalled();
  });
});
