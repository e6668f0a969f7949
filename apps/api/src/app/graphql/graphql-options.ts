import { join } from 'node:path';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyInstance } from 'fastify';
import type { GraphQLError } from 'graphql';
import { createGraphQLErrorsFormatter, type Env, type ErrorLogger } from '@app/core';
import type { IdempotencyGate } from '../idempotency/idempotency.gate';
import type { OperationTimer } from '../metrics/graphql-metrics';
import type { RateVerdict } from '../rate-limit/request-rate-limiter';
import { httpTransport } from './http-transport';
import { GraphQLPipeline } from './pipeline';
import type { Subscriber } from './subscription-auth';
import { wsTransport } from './ws-transport';

export const SCHEMA_FILE = 'apps/api/schema.graphql';
/** Where GraphQL is served, over HTTP and graphql-ws. */
export const GRAPHQL_PATH = '/graphql';

/** What the transports use besides the schema; each may be left out (unit tests). */
export interface TransportParts {
  subscriber: (authorization: unknown) => Promise<Subscriber | null>;
  idempotency?: IdempotencyGate;
  limiter?: { consume(subject: string): Promise<RateVerdict> };
  timer?: () => OperationTimer;
}

/**
 * Code first, executed by Mercurius with graphql-jit (a document is compiled
 * the second time it is seen). Mercurius's own routes, IDE and socket server
 * are off: the HTTP and graphql-ws transports (http-transport.ts,
 * ws-transport.ts) take every operation through one pipeline (pipeline.ts)
 * and one error formatter, and hand it to Mercurius to execute (ADR 014).
 * Outside production the schema is also written to apps/api/schema.graphql
 * (committed; a test fails when it is stale).
 */
export function graphqlOptions(env: Env, logger: ErrorLogger, parts: TransportParts): MercuriusDriverConfig {
  const production = env.NODE_ENV === 'production';
  const formatErrors = createGraphQLErrorsFormatter({ production, logger });
  const transports = async (fastify: FastifyInstance): Promise<void> => {
    const pipeline = new GraphQLPipeline(env, fastify.graphql.schema);
    await fastify.register(httpTransport, { env, path: GRAPHQL_PATH, pipeline, formatErrors, ...parts });
    wsTransport(fastify, { env, path: GRAPHQL_PATH, pipeline, formatErrors, ...parts });
  };
  return {
    autoSchemaFile: env.NODE_ENV === 'development' ? join(process.cwd(), SCHEMA_FILE) : true,
    sortSchema: true,
    path: GRAPHQL_PATH,
    routes: false,
    graphiql: false,
    jit: 1,
    // Errors are formatted by the transports, once, with the request's context.
    errorFormatter: (execution) => ({
      statusCode: 200,
      response: { data: execution.data ?? null, errors: execution.errors as GraphQLError[] },
    }),
    plugins: [{ plugin: transports }],
  };
}
