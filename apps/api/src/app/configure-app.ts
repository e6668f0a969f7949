import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, requestContextMiddleware, REQUEST_ID_HEADER, type Env } from '@app/core';
import { graphiqlMiddleware } from './graphql/graphiql';
import { MetricsService } from './metrics/metrics.service';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { mountQueueDashboard } from './queues/queue-dashboard';

/** Everything between the socket and the modules, in order (architecture.md, "Request path"). */
export function configureApp(app: INestApplication, env: Env): void {
  const production = env.NODE_ENV === 'production';
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: '100kb' });

  express.use(requestContextMiddleware);
  express.use(httpMetricsMiddleware(app.get(MetricsService)));
  express.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // GraphiQL sets inline styles.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  const origins = env.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  express.enableCors({
    origin: origins,
    credentials: true,
    exposedHeaders: [REQUEST_ID_HEADER],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id', 'idempotency-key'],
    maxAge: 600,
  });
  if (!production) express.use(graphiqlMiddleware);
  mountQueueDashboard(app, env);
  app.useGlobalPipes(createValidationPipe());
}
