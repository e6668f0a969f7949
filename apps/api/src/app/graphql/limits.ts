import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Env } from '@app/core';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../common/pagination';

/** What an unpaged list of objects (e.g. `Product.tags`) is assumed to hold when costing a query. */
export const UNPAGED_LIST_SIZE = 10;

/**
 * A connection (any field with `paging`) costs its selection once per row it
 * may return: `first`/`last`, default 20, capped at 100 like the resolvers.
 */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (!('paging' in args)) return undefined;
  const paging = (args['paging'] ?? {}) as { first?: number | null; last?: number | null };
  const asked = paging.first ?? paging.last ?? DEFAULT_PAGE_SIZE;
  const rows = Math.min(Math.max(asked, 1), MAX_PAGE_SIZE);
  return 1 + childComplexity * rows;
};

/**
 * A list of objects without paging: its selection UNPAGED_LIST_SIZE times;
 * except a connection's `edges`, already counted once per row above.
 */
const listEstimator: ComplexityEstimator = ({ type: parent, field, childComplexity }) => {
  if (field.name === 'edges' && parent.name.endsWith('Connection')) return 1 + childComplexity;
  const type = getNullableType(field.type);
  if (!isListType(type) || !isObjectType(getNamedType(type))) return undefined;
  return 1 + childComplexity * UNPAGED_LIST_SIZE;
};

/** Introspection costs nothing here (it is off in production; tools send big ones). */
const introspectionEstimator: ComplexityEstimator = ({ type, field }) =>
  type.name.startsWith('__') || field.name.startsWith('__') ? 0 : undefined;

const refuse = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });

/**
 * The refusal of an operation whose cost (every field 1, multiplied through
 * lists by the rows they may return) is over `maxCost`, or null. Per request,
 * since `first` may come in variables; shared by HTTP and graphql-ws.
 */
export function costRefusal(
  maxCost: number,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | null {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [
        introspectionEstimator,
        connectionEstimator,
        listEstimator,
        simpleEstimator({ defaultComplexity: 1 }),
      ],
    });
  } catch {
    // Variables that do not fit the operation: execution reports them as usual.
    return null;
  }
  return cost > maxCost ? refuse(`Query cost ${cost} exceeds the maximum cost of ${maxCost}`) : null;
}

/** Refuses an over-cost operation after validation and before any resolver runs (costRefusal). */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema }) => {
          const refusal = costRefusal(maxCost, schema, document, request.operationName, request.variables);
          return refusal ? Promise.reject(refusal) : Promise.resolve();
        },
      }),
  };
}

/**
 * The GraphQL abuse limits (issue: hardening): graphql-armor's depth, alias
 * and directive limits (validation rules: a refused document runs no
 * resolver), graphql-js's token limit while parsing, field suggestions hidden
 * in production, and a list-aware cost limit from graphql-query-complexity
 * (graphql-armor's own cost ignores `first`).
 */
export function graphqlLimits(env: Env): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const production = env.NODE_ENV === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: env.GRAPHQL_MAX_DEPTH, flattenFragments: true },
    maxAliases: { n: env.GRAPHQL_MAX_ALIASES },
    maxDirectives: { n: env.GRAPHQL_MAX_DIRECTIVES },
    // graphql-js counts tokens itself while parsing (parseOptions.maxTokens): armor's check
    // parses a second time and answers 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    plugins: [...armor.plugins, costLimitPlugin(env.GRAPHQL_MAX_COST)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: env.GRAPHQL_MAX_TOKENS },
  };
}
