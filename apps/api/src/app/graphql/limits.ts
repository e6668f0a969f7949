import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
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
