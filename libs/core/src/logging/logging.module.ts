import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Env } from '../config/env.schema';
import { pinoHttpOptions } from './pino-options';

/**
 * JSON-line logging for an application (`app`: "api" or "worker"). In the API
 * every line of a request carries its requestId (and tenantId/userId once
 * known); in the worker every line about a job carries the requestId and
 * tenantId of the request that caused it (see JobContext in @app/queue).
 */
@Module({})
export class LoggingModule {
  /** `stream`: where the JSON lines go (stdout unless a test captures them). */
  static forRoot(env: Env, app: string, stream?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: stream ? [pinoHttpOptions(env, app), stream] : pinoHttpOptions(env, app),
          // The middleware routes are set by LoggerModule (all routes).
          assignResponse: true,
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
