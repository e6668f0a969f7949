import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { PinoLogger } from 'nestjs-pino';
import { APP_FILTER } from '@nestjs/core';
import { APP_ENV, AppExceptionFilter, CoreConfigModule, LoggingModule, type Env } from '@app/core';
import { QueueModule } from '@app/queue';
import { CqrsModule } from '@nestjs/cqrs';
import { DatabaseModule } from '../database/database.module';
import { AuthModule } from '../modules/auth';
import { InvitationModule } from '../modules/invitation';
import { TagModule } from '../modules/tag';
import { ProductModule } from '../modules/product';
import { AuditModule } from '../modules/audit';
import { BodyErrorFilter } from './body-error.filter';
import { graphqlOptions } from './graphql/graphql-options';
import { PlatformResolver } from './graphql/platform.resolver';
import { HealthModule } from './health/health.module';
import { MetaController } from './meta/meta.controller';
import { MetricsModule } from './metrics/metrics.module';
import { MetricsService } from './metrics/metrics.service';
import { graphqlMetricsPlugin } from './metrics/graphql-metrics.plugin';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { IdempotencyPlugin } from './idempotency/idempotency.plugin';
import { SubscriptionAuth, SubscriptionAuthModule } from './graphql/subscription-auth';
import { RateLimitModule } from './rate-limit/rate-limit.module';

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
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [MetricsModule, IdempotencyModule, SubscriptionAuthModule],
          inject: [APP_ENV, PinoLogger, MetricsService, IdempotencyPlugin, SubscriptionAuth],
          useFactory: (
            config: Env,
            logger: PinoLogger,
            metrics: MetricsService,
            idempotency: IdempotencyPlugin,
            subscribers: SubscriptionAuth,
          ) => {
            logger.setContext('GraphQL');
            return graphqlOptions(config, logger, [graphqlMetricsPlugin(metrics), idempotency.plugin()], (a) =>
              subscribers.accepts(a),
            );
          },
        }),
        HealthModule,
        RateLimitModule,
        CqrsModule.forRoot(),
        AuthModule,
        InvitationModule,
        TagModule,
        ProductModule,
        AuditModule,
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
