import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { ErrorCode, MAX_INPUT_DEPTH, inputDepth, type FieldError } from '@app/core';

const MESSAGE = 'must not contain NUL characters (\\u0000)';

/** Paths (`input.email`, `ids.2`) of the strings holding a NUL character, depth-first. */
export function nulPaths(value: unknown, path: string, out: string[] = [], depth = 0): string[] {
  if (depth > 32 || out.length >= 20) return out;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => nulPaths(item, `${path}.${i}`, out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) nulPaths(item, path ? `${path}.${key}` : key, out, depth + 1);
  }
  return out;
}

function literalHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  return found;
}

/** Variables nested deeper than MAX_INPUT_DEPTH (graphql-js coerces them recursively: a stack overflow). */
function tooDeep(variables: Record<string, unknown>): FieldError[] {
  return Object.entries(variables)
    .filter(([, value]) => inputDepth(value) > MAX_INPUT_DEPTH)
    .map(([field]) => ({ field, messages: [`nests deeper than ${MAX_INPUT_DEPTH} levels`] }));
}

/**
 * Variables the resolvers must never see, refused up front as BAD_USER_INPUT
 * naming the variables: nested deeper than MAX_INPUT_DEPTH (before graphql-js
 * coerces them, recursively), and NUL characters, which PostgreSQL cannot
 * store in text (they would reach the database as an error; found by the
 * fuzz tests).
 */
export function nulGuardPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document }) => {
          const deep = tooDeep(request.variables ?? {});
          const fields: FieldError[] =
            deep.length > 0
              ? deep
              : nulPaths(request.variables ?? {}, '').map((field) => ({ field, messages: [MESSAGE] }));
          if (fields.length === 0 && literalHasNul(document)) fields.push({ field: 'query', messages: [MESSAGE] });
          if (fields.length === 0) return Promise.resolve();
          return Promise.reject(
            new GraphQLError('Invalid input', {
              extensions: { code: ErrorCode.BAD_USER_INPUT, fields, http: { status: 400 } },
            }),
          );
        },
      }),
  };
}
