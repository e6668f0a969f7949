import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { PinoLogger } from 'nestjs-pino';
import { APP_FILTER } from '@nestjs/core';
import { APP_ENV, AppExceptionFilter, CoreConfigModule, LoggingModule, type Env } from '@app/core';
import { QueueModule } from '@app/queue';
import { CqrsModule } from '@nestjs/cqrs';
import { DatabaseModule } from '../database/database.module';
import { FEATURE_MODULES } from '../modules';
import { BodyErrorFilter } from './body-error.filter';
import { GraphQLDriver } from './graphql/graphql-driver';
import { graphqlOptions } from './graphql/graphql-options';
import { PlatformResolver } from './graphql/platform.resolver';
import { HealthModule } from './health/health.module';
import { MetaController } from './meta/meta.controller';
import { MetricsModule } from './metrics/metrics.module';
import { MetricsService } from './metrics/metrics.service';
import { operationTimer } from './metrics/graphql-metrics';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { IdempotencyGate } from './idempotency/idempotency.gate';
import { SubscriptionAuth, SubscriptionAuthModule } from './graphql/subscription-auth';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RequestRateLimiter } from './rate-limit/request-rate-limiter';

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreConfigModule.forRoot(env),
        LoggingModule.forRoot(env, 'api'),
        DatabaseModule,
        QueueModule,
        MetricsModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: GraphQLDriver,
          imports: [MetricsModule, IdempotencyModule, SubscriptionAuthModule, RateLimitModule],
          inject: [APP_ENV, PinoLogger, MetricsService, IdempotencyGate, SubscriptionAuth, RequestRateLimiter],
          useFactory: (
            config: Env,
            logger: PinoLogger,
            metrics: MetricsService,
            idempotency: IdempotencyGate,
            subscribers: SubscriptionAuth,
            limiter: RequestRateLimiter,
          ) => {
            logger.setContext('GraphQL');
            return graphqlOptions(config, logger, {
              subscriber: (authorization) => subscribers.subscriber(authorization),
              idempotency,
              limiter,
              timer: () => operationTimer(metrics),
            });
          },
        }),
        HealthModule,
        RateLimitModule,
        CqrsModule.forRoot(),
        // Every feature module, from the one list (modules/index.ts).
        ...FEATURE_MODULES.map((feature) => feature.module),
      ],
      controllers: [MetaController],
      providers: [
        PlatformResolver,
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        { provide: APP_FILTER, useClass: BodyErrorFilter },
      ],
    };
  }
}
