import { join } from 'node:path';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createGraphQLErrorFormatter, type Env, type ErrorLogger } from '@app/core';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { graphqlLimits } from './limits';
import { nulGuardPlugin } from './nul-guard';
import { operationGuardPlugin } from './operation-guard';
import type { IncomingMessage } from 'node:http';

interface WsContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

export const SCHEMA_FILE = 'apps/api/schema.graphql';
/** Where GraphQL is served, over HTTP and graphql-ws. */
export const GRAPHQL_PATH = '/graphql';

/**
 * `authorization` of a graphql-ws connection_init payload, whatever its case:
 * GraphiQL sends its headers editor's `Authorization` as it is typed.
 */
export function authorizationParam(params: Readonly<Record<string, unknown>> | undefined): unknown {
  if (!params) return undefined;
  const key = Object.keys(params).find((k) => k.toLowerCase() === 'authorization');
  return key === undefined ? undefined : params[key];
}

/**
 * Apollo, code first. Outside production the schema is also written to
 * apps/api/schema.graphql (committed; a test fails when it is stale).
 * CSRF prevention on; mutations over GET are refused by Apollo; HTTP batching
 * off; introspection and the IDE (see graphiql.ts) outside production only.
 */
export function graphqlOptions(
  env: Env,
  logger: ErrorLogger,
  plugins: ApolloServerPlugin[],
  acceptsSubscriber: (authorization: unknown) => Promise<boolean>,
): ApolloDriverConfig {
  const production = env.NODE_ENV === 'production';
  const limits = graphqlLimits(env);
  return {
    autoSchemaFile: env.NODE_ENV === 'development' ? join(process.cwd(), SCHEMA_FILE) : true,
    sortSchema: true,
    path: GRAPHQL_PATH,
    // Our own IDE page (no CDN) is served by graphiqlMiddleware; Apollo's is off.
    playground: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: createGraphQLErrorFormatter({ production, logger }),
    // No cache hints (answers depend on the caller): without this default plugin Apollo
    // does not wrap every field's resolver to collect them (measured by `yarn bench`).
    // The operation guard first: the plugins after it may rely on an operation to run.
    plugins: [
      operationGuardPlugin(),
      ApolloServerPluginCacheControlDisabled(),
      ...limits.plugins,
      nulGuardPlugin(),
      ...plugins,
    ],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // HTTP: fastify's request and reply; graphql-ws (called with the connection): what the guards read, from connection_init.
    context: (ctx: FastifyRequest | WsContext, reply?: FastifyReply) =>
      'extra' in ctx
        ? {
            req: {
              headers: { authorization: authorizationParam(ctx.connectionParams) },
              // graphql-ws's `ws` adapter puts the upgrade request in `extra`.
              ip: (ctx.extra as { request?: IncomingMessage } | undefined)?.request?.socket.remoteAddress,
              subscription: true,
            },
          }
        : { req: ctx, res: reply },
    // Subscriptions over graphql-ws on the same path; authenticated at connection_init.
    subscriptions: {
      'graphql-ws': {
        path: GRAPHQL_PATH,
        onConnect: async (ctx: WsContext) => acceptsSubscriber(authorizationParam(ctx.connectionParams)),
      },
    },
  };
}
