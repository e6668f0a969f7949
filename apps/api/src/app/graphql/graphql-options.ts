import { join } from 'node:path';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';
import { createGraphQLErrorFormatter, type Env, type ErrorLogger } from '@app/core';
import type { ApolloServerPlugin } from '@apollo/server';

export const SCHEMA_FILE = 'apps/api/schema.graphql';

/**
 * Apollo, code first. Outside production the schema is also written to
 * apps/api/schema.graphql (committed; a test fails when it is stale).
 * CSRF prevention on; mutations over GET are refused by Apollo; HTTP batching
 * off; introspection and the IDE (see graphiql.ts) outside production only.
 */
export function graphqlOptions(env: Env, logger: ErrorLogger, plugins: ApolloServerPlugin[]): ApolloDriverConfig {
  const production = env.NODE_ENV === 'production';
  return {
    autoSchemaFile: env.NODE_ENV === 'development' ? join(process.cwd(), SCHEMA_FILE) : true,
    sortSchema: true,
    path: '/graphql',
    // Our own IDE page (no CDN) is served by graphiqlMiddleware; Apollo's is off.
    playground: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: createGraphQLErrorFormatter({ production, logger }),
    plugins,
    context: ({ req, res }: { req: Request; res: Response }) => ({ req, res }),
  };
}
