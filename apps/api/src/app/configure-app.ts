import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  createValidationPipe,
  ErrorCode,
  requestContextMiddleware,
  REQUEST_ID_HEADER,
  shutdownState,
  type Env,
} from '@app/core';
import { graphiqlMiddleware } from './graphql/graphiql';
import { GRAPHQL_PATH } from './graphql/graphql-options';
import { MetricsService } from './metrics/metrics.service';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { mountQueueDashboard } from './queues/queue-dashboard';
import { RequestRateLimiter } from './rate-limit/request-rate-limiter';

/**
 * A body the JSON parser refused, in the GraphQL error shape: too large is
 * 413 GRAPHQL_VALIDATION_FAILED, not JSON is 400 GRAPHQL_PARSE_FAILED.
 */
function bodyErrorHandler(limit: number): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (err as { type?: unknown } | null)?.type;
    const refuse = (status: number, code: ErrorCode, message: string): void => {
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
    };
    if (type === 'entity.too.large') {
      refuse(413, ErrorCode.GRAPHQL_VALIDATION_FAILED, `Request body is larger than ${limit} bytes`);
    } else if (type === 'entity.parse.failed') {
      refuse(400, ErrorCode.GRAPHQL_PARSE_FAILED, 'Request body is not valid JSON');
    } else {
      next(err);
    }
  };
}

/** Everything between the socket and the modules, in order (architecture.md, "Request path"). */
export function configureApp(app: INestApplication, env: Env): void {
  const production = env.NODE_ENV === 'production';
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', env.TRUST_PROXY);
  // The request id first, so that even a refused body answers with it.
  express.use(requestContextMiddleware);
  // Draining before a shutdown: clients and proxies open new connections elsewhere.
  express.use((_req: Request, res: Response, next: NextFunction) => {
    if (shutdownState.draining) res.setHeader('Connection', 'close');
    next();
  });
  // Before the body is read: a refused request costs one Redis round trip.
  express.use(GRAPHQL_PATH, app.get(RequestRateLimiter).middleware());
  express.useBodyParser('json', { limit: env.HTTP_MAX_BODY_BYTES });
  express.use(bodyErrorHandler(env.HTTP_MAX_BODY_BYTES));
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
