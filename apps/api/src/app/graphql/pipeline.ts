import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  OperationTypeNode,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { ErrorCode, type Env } from '@app/core';
import { costRefusal } from './limits';
import { inputRefusal, literalHasNul } from './nul-guard';
import { SUBSCRIPTION_HINT, missingOperationRefusal, refuse } from './operation-guard';

/** How an operation arrived: its transport decides which operation types it may carry. */
export type Transport = 'get' | 'post' | 'ws';

/** What a client sent: the GraphQL-over-HTTP request parameters, or a graphql-ws `subscribe` payload. */
export interface OperationRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** An operation cleared to run. */
export interface Cleared {
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/** An operation refused before any resolver ran, with the HTTP status it answers. */
export interface Refused {
  errors: GraphQLError[];
  status: number;
}

/**
 * A valid document and what is known of it whatever the variables: whether a
 * literal holds a NUL, and the cost refusal (or null) of each of its
 * operations that declares no variables (by operation name; `''` for none).
 */
interface Valid {
  document: DocumentNode;
  nulLiteral: boolean;
  costs: Map<string, GraphQLError | null>;
}

type Checked = Valid | { errors: GraphQLError[] };

/** Documents kept parsed and validated (valid or not), by source. */
const CACHE_SIZE = 1000;

/** graphql-js's wording names its option; ours says what holds. */
const INTROSPECTION_OFF =
  /^GraphQL introspection has been disabled, but the requested query contained the field "(\w+)"\.$/;

const tagged = (error: GraphQLError, code: ErrorCode): GraphQLError =>
  new GraphQLError(
    error.message.replace(
      INTROSPECTION_OFF,
      'GraphQL introspection is not allowed in production (the query asks for $1)',
    ),
    {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      extensions: { ...error.extensions, code },
    },
  );

const refused = (error: GraphQLError, status = 400): Refused => ({ errors: [error], status });

/**
 * The one GraphQL pipeline, for HTTP and graphql-ws alike (ADR 014): the
 * request's shape, parsing with graphql-js's token limit, validation (the
 * specified rules, graphql-armor's depth, alias and directive limits, no
 * introspection in production), then per request: the operation to run,
 * the input guard, the list-aware cost and what the transport may carry.
 * Parsing, validation and what depends on the document alone (NUL literals,
 * the cost of an operation without variables) are cached by source; the
 * checks that read the variables run on every request. Whatever it refuses has run no resolver.
 */
export class GraphQLPipeline {
  private readonly rules: readonly ValidationRule[];
  private readonly checked = new Map<string, Checked>();

  constructor(
    private readonly env: Env,
    readonly schema: GraphQLSchema,
  ) {
    this.rules = [
      ...specifiedRules,
      maxDepthRule({ n: env.GRAPHQL_MAX_DEPTH, flattenFragments: true }),
      maxAliasesRule({ n: env.GRAPHQL_MAX_ALIASES }),
      maxDirectivesRule({ n: env.GRAPHQL_MAX_DIRECTIVES }),
      ...(env.NODE_ENV === 'production' ? [NoSchemaIntrospectionCustomRule] : []),
    ];
  }

  clear(request: OperationRequest, transport: Transport): Cleared | Refused {
    const { query, variables, operationName } = request;
    if (typeof query !== 'string' || query === '') {
      return refused(
        refuse('GraphQL operations must contain a non-empty `query` string', ErrorCode.GRAPHQL_PARSE_FAILED),
      );
    }
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return refused(refuse('`variables` must be a JSON object', ErrorCode.BAD_USER_INPUT));
    }
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
      return refused(refuse('`operationName` must be a string', ErrorCode.BAD_USER_INPUT));
    }
    const checked = this.check(query);
    if ('errors' in checked) return { errors: checked.errors, status: 400 };
    const { document } = checked;
    const name = operationName ?? undefined;
    const operation = getOperationAST(document, name);
    if (!operation) return refused(missingOperationRefusal(document, name));

    const vars = (variables ?? undefined) as Record<string, unknown> | undefined;
    const input = inputRefusal(vars, checked.nulLiteral);
    if (input) return refused(input);
    const cost = this.cost(checked, operation, name, vars);
    if (cost) return refused(cost);
    // Last: whatever the transport, a document has passed every check above before it is told where to go.
    const type = this.transportRefusal(operation.operation, transport);
    if (type) return type;
    return { source: query, document, operation, variables: vars, operationName: name };
  }

  private transportRefusal(type: OperationTypeNode, transport: Transport): Refused | null {
    if (transport === 'ws') {
      return type === OperationTypeNode.SUBSCRIPTION
        ? null
        : refused(
            refuse(
              `Queries and mutations are not served over the WebSocket: send them as a POST to /graphql`,
              ErrorCode.BAD_USER_INPUT,
            ),
          );
    }
    if (type === OperationTypeNode.SUBSCRIPTION) {
      return refused(refuse(`Subscriptions are not served over HTTP: ${SUBSCRIPTION_HINT}`, ErrorCode.BAD_USER_INPUT));
    }
    if (transport === 'get' && type !== OperationTypeNode.QUERY) {
      return refused(
        refuse(
          `GET requests only support query operations, not ${type} operations: send it as a POST`,
          ErrorCode.BAD_USER_INPUT,
        ),
        405,
      );
    }
    return null;
  }

  /**
   * The cost refusal of `operation`. Only variables can change it, so an
   * operation without any is costed once per document; one with variables
   * (its `first` may be one) on every request.
   */
  private cost(
    valid: Valid,
    operation: OperationDefinitionNode,
    name: string | undefined,
    variables: Record<string, unknown> | undefined,
  ): GraphQLError | null {
    const max = this.env.GRAPHQL_MAX_COST;
    if ((operation.variableDefinitions?.length ?? 0) > 0) {
      return costRefusal(max, this.schema, valid.document, name, variables);
    }
    const key = name ?? '';
    let refusal = valid.costs.get(key);
    if (refusal === undefined) {
      refusal = costRefusal(max, this.schema, valid.document, name, undefined);
      valid.costs.set(key, refusal);
    }
    return refusal;
  }

  /** Parse and validate, once per source. */
  private check(source: string): Checked {
    const cached = this.checked.get(source);
    if (cached) return cached;
    const parsed = this.parse(source);
    const result = 'errors' in parsed ? parsed : this.validate(parsed.document);
    if (this.checked.size >= CACHE_SIZE) {
      const oldest = this.checked.keys().next();
      if (!oldest.done) this.checked.delete(oldest.value);
    }
    this.checked.set(source, result);
    return result;
  }

  private parse(source: string): { document: DocumentNode } | { errors: GraphQLError[] } {
    try {
      return { document: parse(source, { maxTokens: this.env.GRAPHQL_MAX_TOKENS }) };
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { errors: [tagged(error, ErrorCode.GRAPHQL_PARSE_FAILED)] };
    }
  }

  private validate(document: DocumentNode): Checked {
    let errors: readonly GraphQLError[];
    try {
      errors = validate(this.schema, document, this.rules);
    } catch (error) {
      // graphql-armor's rules throw their refusal (propagateOnRejection).
      if (!(error instanceof GraphQLError)) throw error;
      errors = [error];
    }
    return errors.length > 0
      ? { errors: errors.map((e) => tagged(e, ErrorCode.GRAPHQL_VALIDATION_FAILED)) }
      : { document, nulLiteral: literalHasNul(document), costs: new Map() };
  }
}
