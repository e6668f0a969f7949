import { BadUserInputException } from '@app/core';
import { databaseError, type Statements } from '@app/database';
import type { Page } from './connection.type';
import type { CursorPaging } from './cursor-paging.input';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** One column of a sort key. The last key must be unique (the id), so that the order is total. */
export interface SortKey {
  /** SQL expression, e.g. `m.created_at` (the service's, never the client's). */
  column: string;
  /** PostgreSQL type the cursor's text is cast back to. */
  type: 'timestamptz' | 'uuid' | 'text' | 'numeric' | 'integer';
  direction: 'ASC' | 'DESC';
}

export interface PageWindow {
  forward: boolean;
  limit: number;
  /** The decoded cursor, or null on the first page. */
  cursor: string[] | null;
  /** Which argument the cursor came from (for error messages). */
  field: 'paging.after' | 'paging.before';
}

/** Opaque to clients: base64url of the sort key's values as PostgreSQL prints them. */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, keyCount: number, field: string): string[] {
  const invalid = (): BadUserInputException => BadUserInputException.field(field, 'is not a valid cursor');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(values) ||
    values.length !== keyCount ||
    // NUL cannot be in PostgreSQL text: a cursor holding one was not made by us.
    !values.every((v): v is string => typeof v === 'string' && v.length <= 256 && !v.includes('\u0000'))
  ) {
    throw invalid();
  }
  return values;
}

/** first/after or last/before, never both directions; sizes default to 20 and are capped at 100. */
export function pageWindow(paging: CursorPaging | null | undefined, keyCount: number): PageWindow {
  const { first, after, last, before } = paging ?? {};
  const backward = last != null || before != null;
  if (backward && (first != null || after != null)) {
    throw BadUserInputException.field('paging', 'use first/after or last/before, not both');
  }
  const size = (backward ? last : first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0) {
    throw BadUserInputException.field(backward ? 'paging.last' : 'paging.first', 'must not be negative');
  }
  const field = backward ? 'paging.before' : 'paging.after';
  const raw = backward ? before : after;
  return {
    forward: !backward,
    limit: Math.min(size, MAX_PAGE_SIZE),
    cursor: raw == null ? null : decodeCursor(raw, keyCount, field),
    field,
  };
}

/**
 * A condition of a list's statements, written by the service with its values
 * as parameters: `(p) => \`p.tenant_id = ${p(tenantId)}\`` (`p` numbers them
 * `$1`, `$2`, … within the statement).
 */
export type Condition = (param: (value: unknown) => string) => string;

/**
 * What a keyset-paginated list reads, in plain SQL: no entity hydration and
 * no query builder per request (on the products page they cost about a fifth
 * of the API's throughput, docs/benchmarks.md).
 */
export interface ListQuery {
  db: Statements;
  /** The table and its to-one joins (every row is one node): `products p`, `memberships m JOIN users u ON …`. */
  from: string;
  /**
   * LEFT JOINs to one row that only the page reads columns from (a relation
   * the client selects, read with the page instead of by its DataLoader): not
   * in the count, and not for `where` or `filter` to use.
   */
  join?: string;
  /** The select list: the row `toNode` receives, e.g. `p.id, p.created_at AS "createdAt"`. */
  columns: string;
  /** What the service selects (the tenant, live rows). */
  where: Condition;
  /** The client's filter (clientFilter), ANDed in: it narrows `where`, never widens it. */
  filter?: Condition | null;
  /** The order; the last key is unique (the id), so that the order is total. */
  keys: SortKey[];
}

export interface PageOptions {
  /**
   * The client selects totalCount (selectsField): the page's statement counts
   * too, as a subquery PostgreSQL runs once, instead of a second statement.
   */
  count?: boolean;
}

/** The column of the page's statement that holds the count (PageOptions.count). */
const TOTAL = 'total_count__';

// invalid_text_representation, invalid_datetime_format, datetime_field_overflow, numeric_value_out_of_range
const BAD_CAST = new Set(['22P02', '22007', '22008', '22003']);

/** `WHERE …` of `list` with its values numbered from `values`. */
function whereOf(list: ListQuery, values: unknown[]): { sql: string; param: (value: unknown) => string } {
  const param = (value: unknown): string => `$${values.push(value)}`;
  const conditions = [`(${list.where(param)})`];
  if (list.filter) conditions.push(`(${list.filter(param)})`);
  return { sql: conditions.join(' AND '), param };
}

/**
 * One page of a keyset-paginated connection over `list`: rows after (or
 * before) the cursor in the order of its keys, one more than asked to know
 * whether more follow. Stable under inserts, and as fast on page 1,000 as on
 * page 1 with an index on the keys. `totalCount` runs its own COUNT, only
 * when the client selects it.
 */
// Row is the caller's declaration of its select list (`columns`): named once, by `toNode`.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export async function keysetPage<Row extends Record<string, unknown>, T>(
  list: ListQuery,
  paging: CursorPaging | null | undefined,
  toNode: (row: Row) => T,
  options: PageOptions = {},
): Promise<Page<T>> {
  const { keys } = list;
  const window = pageWindow(paging, keys.length);
  let count: Promise<number> | undefined;
  const lazyCount = (): Promise<number> => {
    if (!count) {
      const values: unknown[] = [];
      // count(*): with to-one joins only every row is one node, and PostgreSQL counts without sorting ids.
      const sql = `SELECT count(*)::int AS n FROM ${list.from} WHERE ${whereOf(list, values).sql}`;
      count = list.db.query<{ n: number }>(sql, values).then((rows) => rows[0]?.n ?? 0);
    }
    return count;
  };
  if (window.limit === 0) {
    return {
      edges: [],
      pageInfo: { hasNextPage: null, hasPreviousPage: null, startCursor: null, endCursor: null },
      get totalCount() {
        return lazyCount();
      },
    };
  }

  const values: unknown[] = [];
  const selected = [list.columns, ...keys.map((key, i) => `(${key.column})::text AS cursor_${i}`)];
  if (options.count) {
    // Uncorrelated: PostgreSQL runs it once (an InitPlan), whatever the page size.
    selected.push(`(SELECT count(*)::int FROM ${list.from} WHERE ${whereOf(list, values).sql}) AS ${TOTAL}`);
  }
  const where = whereOf(list, values);
  const from = list.join ? `${list.from} ${list.join}` : list.from;
  let sql = `SELECT ${selected.join(', ')} FROM ${from} WHERE ${where.sql}`;
  if (window.cursor) {
    const cursor = window.cursor.map((value, i) => `CAST(${where.param(value)} AS ${keys[i]?.type ?? 'text'})`);
    const comparisons = keys.map((_, i) =>
      keys
        .slice(0, i + 1)
        .map((key, j) => {
          if (j < i) return `${key.column} = ${cursor[j]}`;
          return `${key.column} ${(key.direction === 'ASC') === window.forward ? '>' : '<'} ${cursor[j]}`;
        })
        .join(' AND '),
    );
    sql += ` AND (${comparisons.map((c) => `(${c})`).join(' OR ')})`;
  }
  const order = keys.map((key) => {
    const direction = window.forward ? key.direction : key.direction === 'ASC' ? 'DESC' : 'ASC';
    return `${key.column} ${direction}`;
  });
  sql += ` ORDER BY ${order.join(', ')} LIMIT ${where.param(window.limit + 1)}`;

  let rows: (Row & Record<`cursor_${number}`, unknown>)[];
  try {
    rows = await list.db.query(sql, values);
  } catch (err) {
    const code = databaseError(err)?.code;
    // A hand-made cursor whose values PostgreSQL cannot cast: the client's mistake, not ours.
    if (window.cursor && code && BAD_CAST.has(code)) {
      throw BadUserInputException.field(window.field, 'is not a valid cursor');
    }
    throw err;
  }

  const first = rows.at(0);
  // An empty page has no row to carry the count: then it is counted on its own, if read.
  if (options.count && first) count = Promise.resolve(Number(first[TOTAL]));
  const more = rows.length > window.limit;
  const page = rows.slice(0, window.limit).map((row) => ({
    node: toNode(row),
    cursor: encodeCursor(keys.map((_, k) => String(row[`cursor_${k}`]))),
  }));
  if (!window.forward) page.reverse();
  const edges = page.map(({ cursor, node }) => ({ cursor, node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: window.forward ? more : window.cursor !== null,
      hasPreviousPage: window.forward ? window.cursor !== null : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return lazyCount();
    },
  };
}
