import { BadUserInputException } from '@app/core';
import type { Condition, SortKey } from './keyset';

/** How deep `and`/`or` may nest in a client's filter, and how many comparisons it may hold in all. */
export const MAX_FILTER_DEPTH = 8;
export const MAX_FILTER_TERMS = 100;

/**
 * Refuses a filter nested deeper than MAX_FILTER_DEPTH or holding more than
 * MAX_FILTER_TERMS comparisons (BAD_USER_INPUT naming the limit): variables
 * are not tokens, so the document limits do not see them, and such a filter
 * becomes SQL that holds a connection for long. Walks iteratively: a filter
 * 5,000 levels deep must not overflow the stack.
 */
export function assertFilterBounds(filter: unknown): void {
  const stack: { node: unknown; depth: number }[] = [{ node: filter, depth: 1 }];
  let terms = 0;
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, depth } = item;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      // One value compared against; an `in` list is one comparison (its size is bounded by the body limit).
      if (++terms > MAX_FILTER_TERMS) {
        throw BadUserInputException.field('filter', `holds more than ${MAX_FILTER_TERMS} comparisons`);
      }
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'and' || key === 'or') && Array.isArray(value)) {
        if (depth + 1 > MAX_FILTER_DEPTH) {
          throw BadUserInputException.field('filter', `nests and/or deeper than ${MAX_FILTER_DEPTH} levels`);
        }
        for (const child of value as unknown[]) stack.push({ node: child, depth: depth + 1 });
      } else {
        stack.push({ node: value, depth });
      }
    }
  }
}

/** A list field's column: the SQL expression (the service's, never the client's) and its PostgreSQL type. */
export interface ListColumn {
  column: string;
  type: SortKey['type'];
}

/** nestjs-query's comparison operators, as SQL: `column <op> $n`. */
const OPERATORS: Readonly<Partial<Record<string, string>>> = {
  eq: '=',
  neq: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'LIKE',
  notLike: 'NOT LIKE',
  iLike: 'ILIKE',
  notILike: 'NOT ILIKE',
};

const TRUTH: ReadonlyMap<unknown, string> = new Map<unknown, string>([
  [null, 'NULL'],
  [true, 'TRUE'],
  [false, 'FALSE'],
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * The client's filter — nestjs-query's shape: `{ and, or, <field>: { <op>: value } }`,
 * the GraphQL input types `FilterType` or the module's own generate — as a
 * Condition of a list, or null when it compares nothing. Bounded first
 * (assertFilterBounds). Every field is looked up in `fields` (a field the
 * list does not map is BAD_USER_INPUT); every value is a parameter; the
 * operators mean what they mean in nestjs-query's TypeORM builder (`neq` is
 * `!=`, `is: null` is `IS NULL`), except that an empty `in` matches nothing
 * and an empty `notIn` everything instead of failing.
 */
export function filterCondition<F extends string>(
  filter: object | null | undefined,
  fields: Readonly<Record<F, ListColumn>>,
): Condition | null {
  if (!filter || Object.keys(filter).length === 0) return null;
  assertFilterBounds(filter);
  // Checked and shaped now (a mistake is the client's, before any SQL); written when the statement numbers its values.
  const compiled = compile(filter, fields);
  return compiled ? (param) => compiled(param) : null;
}

type Sql = (param: (value: unknown) => string) => string;

function compile(filter: unknown, fields: Readonly<Record<string, ListColumn>>): Sql | null {
  if (!isObject(filter)) throw BadUserInputException.field('filter', 'must be an object');
  const parts: Sql[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'and' || key === 'or') {
      if (value === null) continue;
      if (!Array.isArray(value)) throw BadUserInputException.field('filter', `${key} must be a list of filters`);
      const children = value.map((child) => compile(child, fields)).filter((c): c is Sql => c !== null);
      if (children.length === 0) continue;
      const joiner = key === 'and' ? ' AND ' : ' OR ';
      parts.push((p) => `(${children.map((c) => `(${c(p)})`).join(joiner)})`);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(fields, key)) {
      throw BadUserInputException.field('filter', `cannot filter by ${key}`);
    }
    const column = fields[key].column;
    if (value === null) continue;
    if (!isObject(value)) throw BadUserInputException.field(`filter.${key}`, 'must be a comparison');
    for (const [op, operand] of Object.entries(value)) {
      if (operand === undefined) continue;
      parts.push(comparison(column, `filter.${key}.${op}`, op, operand));
    }
  }
  if (parts.length === 0) return null;
  return (p) => parts.map((part) => part(p)).join(' AND ');
}

function comparison(column: string, field: string, op: string, operand: unknown): Sql {
  const operator = OPERATORS[op];
  if (operator !== undefined) {
    if (operand === null || (typeof operand === 'object' && !(operand instanceof Date))) {
      throw BadUserInputException.field(field, 'must be a single value');
    }
    return (p) => `${column} ${operator} ${p(operand)}`;
  }
  switch (op) {
    case 'is':
    case 'isNot': {
      const truth = TRUTH.get(operand);
      if (truth === undefined) throw BadUserInputException.field(field, 'must be true, false or null');
      return () => `${column} IS ${op === 'isNot' ? 'NOT ' : ''}${truth}`;
    }
    case 'in':
    case 'notIn': {
      if (
        !Array.isArray(operand) ||
        operand.some((v) => v === null || (typeof v === 'object' && !(v instanceof Date)))
      ) {
        throw BadUserInputException.field(field, 'must be a list of values');
      }
      const values: unknown[] = operand;
      // One array parameter: the statement's text (and so its prepared plan) does not depend on the list's size.
      return op === 'in' ? (p) => `${column} = ANY(${p(values)})` : (p) => `${column} <> ALL(${p(values)})`;
    }
    case 'between':
    case 'notBetween': {
      if (!isObject(operand) || operand.lower == null || operand.upper == null) {
        throw BadUserInputException.field(field, 'must have a lower and an upper bound');
      }
      const { lower, upper } = operand;
      return (p) => `${column} ${op === 'notBetween' ? 'NOT ' : ''}BETWEEN ${p(lower)} AND ${p(upper)}`;
    }
    default:
      throw BadUserInputException.field(field, `is not a comparison (${op})`);
  }
}
