import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { Logger } from 'nestjs-pino';
import {
  createValidationPipe,
  installRequestContext,
  REQUEST_ID_HEADER,
  requestIdOf,
  shutdownState,
  type Env,
} from '@app/core';
import { installGraphiql } from './graphql/graphiql';
import { MetricsService } from './metrics/metrics.service';
import { installHttpMetrics } from './metrics/http-metrics.hook';
import { mountQueueDashboard } from './queues/queue-dashboard';
import { RequestRateLimiter } from './rate-limit/request-rate-limiter';
import { installSecurityHeaders } from './security-headers';

/** Fastify's options for the API's server (main.ts; tests build theirs the same way). */
export function fastifyOptions(env: Env): FastifyServerOptions {
  return {
    trustProxy: env.TRUST_PROXY,
    bodyLimit: env.HTTP_MAX_BODY_BYTES,
    genReqId: requestIdOf,
    // As Express did: /GraphQL and /graphql/ reach GraphQL too.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  };
}

/** Everything between the socket and the modules, in order (architecture.md, "Request path"). */
export async function configureApp(app: NestFastifyApplication, env: Env): Promise<void> {
  const production = env.NODE_ENV === 'production';
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(app.get(Logger));
  // The request id first, so that even a refused body answers with it.
  installRequestContext(fastify);
  // Draining before a shutdown: clients and proxies open new connections elsewhere.
  fastify.addHook('onRequest', (_req, reply, done) => {
    if (shutdownState.draining) void reply.header('connection', 'close');
    done();
  });
  // Before the body is read: a refused request costs one Redis round trip.
  app.get(RequestRateLimiter).install(fastify);
  installHttpMetrics(fastify, app.get(MetricsService));
  installSecurityHeaders(fastify, {
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
  });
  const origins = env.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.enableCors({
    origin: origins,
    credentials: true,
    exposedHeaders: [REQUEST_ID_HEADER],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id', 'idempotency-key'],
    maxAge: 600,
  });
  if (!production) installGraphiql(fastify);
  await mountQueueDashboard(app, env);
  app.useGlobalPipes(createValidationPipe());
}
