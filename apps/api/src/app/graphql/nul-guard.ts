import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { ErrorCode, MAX_INPUT_DEPTH, inputDepth, type FieldError } from '@app/core';

const MESSAGE = 'must not contain NUL characters (\\u0000)';

/** A UTF-16 surrogate without its pair: not a character, and not storable in PostgreSQL text (or JSON). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_MESSAGE = 'must be valid Unicode (a lone surrogate is not a character)';

/** Strings PostgreSQL cannot store: the message for `value`, or null. */
function badText(value: string): string | null {
  if (value.includes('\u0000')) return MESSAGE;
  if (LONE_SURROGATE.test(value)) return LONE_SURROGATE_MESSAGE;
  return null;
}

/** The strings (`input.email`, `ids.2`) PostgreSQL cannot store, depth-first, with why. */
export function badTextFields(value: unknown, path: string, out: FieldError[] = [], depth = 0): FieldError[] {
  if (depth > 32 || out.length >= 20) return out;
  if (typeof value === 'string') {
    const message = badText(value);
    if (message) out.push({ field: path, messages: [message] });
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => badTextFields(item, `${path}.${i}`, out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) badTextFields(item, path ? `${path}.${key}` : key, out, depth + 1);
  }
  return out;
}

/** Paths of the strings holding a NUL character (or another string PostgreSQL cannot store). */
export function nulPaths(value: unknown, path: string): string[] {
  return badTextFields(value, path).map((f) => f.field);
}

/** Does a string literal of the document hold a NUL? (The document's part of the guard: once per document.) */
export function literalHasNul(document: DocumentNode): boolean {
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
 * Input the resolvers must never see, refused up front as BAD_USER_INPUT
 * naming the variables: nested deeper than MAX_INPUT_DEPTH (before graphql-js
 * coerces them, recursively), and NUL characters, which PostgreSQL cannot
 * store in text (they would reach the database as an error; found by the
 * fuzz tests), in the variables or in the document's literals
 * (`nulLiteral`: literalHasNul of the document, which the pipeline keeps with
 * the parsed document). Null when the input is fine; shared by HTTP and graphql-ws.
 */
export function inputRefusal(
  variables: Record<string, unknown> | null | undefined,
  nulLiteral: boolean,
): GraphQLError | null {
  const deep = variables ? tooDeep(variables) : [];
  const fields: FieldError[] = deep.length > 0 ? deep : variables ? badTextFields(variables, '') : [];
  if (fields.length === 0 && nulLiteral) fields.push({ field: 'query', messages: [MESSAGE] });
  if (fields.length === 0) return null;
  return new GraphQLError('Invalid input', {
    extensions: { code: ErrorCode.BAD_USER_INPUT, fields, http: { status: 400 } },
  });
}
