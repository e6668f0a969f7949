import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppException, OUTAGE_RETRY_AFTER_SECONDS, ServiceUnavailableException } from './app.exception';
import { isDependencyOutage } from './outage';
import { CODE_OF_HTTP_STATUS, ErrorCode } from './error-code';
import { RequestContext } from '../context/request-context';

/** An error graphql-js (or a transport) wrapped, such as a resolver's: the error that was thrown. */
function unwrapResolverError(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}

export interface ErrorLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Codes the transports (pipeline.ts) attach to requests they refuse before any resolver runs. */
const REQUEST_ERROR_CODES: Record<string, ErrorCode> = {
  GRAPHQL_VALIDATION_FAILED: ErrorCode.GRAPHQL_VALIDATION_FAILED,
  GRAPHQL_PARSE_FAILED: ErrorCode.GRAPHQL_PARSE_FAILED,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.GRAPHQL_VALIDATION_FAILED,
  BAD_REQUEST: ErrorCode.GRAPHQL_PARSE_FAILED,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.GRAPHQL_VALIDATION_FAILED,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.GRAPHQL_VALIDATION_FAILED,
};

/** Codes a resolver may raise as a plain GraphQLError (INTERNAL_SERVER_ERROR goes through the log path). */
const PASS_THROUGH_CODES = new Set<string>(
  Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
);

/**
 * graphql-js gives up on a document whose fields are too many to compare
 * ("Validation aborted."): say so. graphql-armor's refusals start with
 * "Syntax Error: " although they are limits, not syntax.
 */
const clarify = (message: string): string =>
  message === 'Validation aborted.'
    ? 'Validation aborted: the document has too many fields to check; split or simplify it'
    : message.replace(/^Syntax Error: (?=.*limit of \d+ exceeded)/, '');

/** " Did you mean "x"?" hints reveal schema names: dropped in production. */
const stripSuggestions = (message: string): string => message.replace(/\s*Did you mean .+\?$/s, '');

function base(
  formatted: GraphQLFormattedError,
  message: string,
  extensions: Record<string, unknown>,
): GraphQLFormattedError {
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}

/**
 * The one place errors become GraphQL errors. Known errors keep their message
 * and contract code; anything else is logged with its stack and the request id
 * and reaches the client as INTERNAL_SERVER_ERROR without stack, SQL or detail
 * (a stack is shown outside production only).
 */
export function createGraphQLErrorFormatter(options: { production: boolean; logger: ErrorLogger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);

    if (original instanceof AppException) {
      return base(formatted, original.message, {
        code: original.code,
        ...(original.fields ? { fields: original.fields } : {}),
        ...(original.retryAfter !== undefined ? { retryAfter: original.retryAfter } : {}),
      });
    }

    if (original instanceof HttpException) {
      const code = CODE_OF_HTTP_STATUS[original.getStatus()];
      if (code) return base(formatted, original.message, { code });
    }

    // graphql-js stops coercing variables after 50 bad values, without a code (found by fuzzing).
    if (original instanceof GraphQLError && original.message.startsWith('Too many errors processing variables')) {
      return base(formatted, 'Too many invalid variable values', { code: ErrorCode.BAD_USER_INPUT });
    }
    // Refused before execution (parse, validation, variable coercion), or a
    // GraphQLError raised on purpose with a contract code.
    const given = formatted.extensions?.['code'];
    const requestCode = typeof given === 'string' ? REQUEST_ERROR_CODES[given] : undefined;
    const resolverGraphQLError = original instanceof GraphQLError && original !== error;
    if (requestCode && !resolverGraphQLError) {
      // graphql-js's own token limit (parse option maxTokens) is a limit like the others.
      const tokens = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
      if (tokens) {
        return base(formatted, `Token limit of ${tokens[1]} exceeded`, {
          code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
        });
      }
      const message = clarify(options.production ? stripSuggestions(formatted.message) : formatted.message);
      const fields = formatted.extensions?.['fields'];
      return base(formatted, message, { code: requestCode, ...(Array.isArray(fields) ? { fields } : {}) });
    }
    if (original instanceof GraphQLError && typeof given === 'string' && PASS_THROUGH_CODES.has(given)) {
      return base(formatted, formatted.message, { code: given });
    }

    const requestId = RequestContext.requestId();
    // PostgreSQL or Redis down or silent: not a bug, and worth a retry in a moment.
    if (isDependencyOutage(original)) {
      options.logger.warn(
        { err: original, requestId, path: formatted.path },
        `dependency unavailable in GraphQL operation: ${original instanceof Error ? original.message : String(original)}`,
      );
      const outage = new ServiceUnavailableException();
      return base(formatted, outage.message, {
        code: outage.code,
        retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
        ...(requestId ? { requestId } : {}),
      });
    }
    options.logger.error(
      { err: original, requestId, path: formatted.path },
      `unhandled error in GraphQL operation: ${original instanceof Error ? original.message : String(original)}`,
    );
    const stacktrace = formatted.extensions?.['stacktrace'];
    return base(formatted, 'Internal server error', {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(requestId ? { requestId } : {}),
      ...(!options.production && stacktrace ? { stacktrace } : {}),
    });
  };
}

/**
 * Formats the errors of one answer (HTTP or graphql-ws) with the formatter
 * above; outside production an unknown error's stack goes with it.
 */
export function createGraphQLErrorsFormatter(options: { production: boolean; logger: ErrorLogger }) {
  const format = createGraphQLErrorFormatter(options);
  return (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = error.toJSON();
      if (options.production) return format(formatted, error);
      const original = unwrapResolverError(error);
      const stack = original instanceof Error ? original.stack : undefined;
      return format(
        stack ? { ...formatted, extensions: { ...formatted.extensions, stacktrace: stack.split('\n') } } : formatted,
        error,
      );
    });
}
