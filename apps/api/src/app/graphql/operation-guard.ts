import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { ErrorCode } from '@app/core';

/** Where subscriptions are served (graphql-ws on the same path). */
export const SUBSCRIPTION_HINT = 'use the graphql-ws protocol on /graphql (a WebSocket)';

export function refuse(message: string, code: ErrorCode = ErrorCode.GRAPHQL_VALIDATION_FAILED): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

function operationNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : [],
  );
}

/**
 * The client mistakes that reach a resolved document without an operation to
 * run, answered with the contract's code and what to do: an operationName
 * the document lacks, several operations and no operationName, a document of
 * fragments only.
 */
export function missingOperationRefusal(
  document: DocumentNode,
  operationName: string | null | undefined,
): GraphQLError {
  const names = operationNames(document);
  const listed = names.length > 0 ? names.join(', ') : 'none';
  if (typeof operationName === 'string' && operationName !== '') {
    return refuse(`Unknown operation named "${operationName}": the document's operations are ${listed}`);
  }
  if (names.length > 1)
    return refuse(`The document has several operations (${listed}): send operationName to pick one`);
  return refuse('The document has no operation to run');
}
