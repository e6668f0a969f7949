import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputException } from '@app/core';
import type { Page } from './connection.type';
import type { CursorPaging } from './cursor-paging.input';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** One column of a sort key. The last key must be unique (the id), so that the order is total. */
export interface SortKey {
  /** SQL expression, e.g. `m.created_at`. */
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

// invalid_text_representation, invalid_datetime_format, datetime_field_overflow, numeric_value_out_of_range
const BAD_CAST = new Set(['22P02', '22007', '22008', '22003']);

/**
 * Runs `query` (filtered, not ordered, with to-one joins only) as one page of
 * a keyset-paginated connection: rows after (or before) the cursor in the
 * order of `keys`, one more than asked to know whether more follow. Stable
 * under inserts, and as fast on page 1,000 as on page 1 with an index on the
 * keys. `totalCount` runs its own COUNT, only when the client selects it.
 */
export async function keysetPage<E extends ObjectLiteral, T>(
  query: SelectQueryBuilder<E>,
  keys: SortKey[],
  paging: CursorPaging | null | undefined,
  toNode: (entity: E) => T,
): Promise<Page<T>> {
  const window = pageWindow(paging, keys.length);
  let count: Promise<number> | undefined;
  // count(*), not TypeORM's getCount() (COUNT(DISTINCT id)): with to-one joins only
  // every row is one entity, and PostgreSQL counts without sorting the ids.
  const lazyCount = (): Promise<number> =>
    // `query` itself is never changed below (the page is a clone): cloned again only when counted.
    (count ??= query
      .clone()
      .select('count(*)::int', 'n')
      .orderBy()
      .getRawOne<{ n: number }>()
      .then((row) => row?.n ?? 0));
  if (window.limit === 0) {
    return {
      edges: [],
      pageInfo: { hasNextPage: null, hasPreviousPage: null, startCursor: null, endCursor: null },
      get totalCount() {
        return lazyCount();
      },
    };
  }

  const page = query.clone();
  keys.forEach((key, i) => page.addSelect(`(${key.column})::text`, `cursor_${i}`));
  if (window.cursor) {
    const cursor = window.cursor;
    const parameters = Object.fromEntries(cursor.map((value, i) => [`cursor_${i}`, value]));
    const comparisons = keys.map((_, i) =>
      keys
        .slice(0, i + 1)
        .map((key, j) => {
          const value = `CAST(:cursor_${j} AS ${key.type})`;
          if (j < i) return `${key.column} = ${value}`;
          return `${key.column} ${(key.direction === 'ASC') === window.forward ? '>' : '<'} ${value}`;
        })
        .join(' AND '),
    );
    page.andWhere(`(${comparisons.map((c) => `(${c})`).join(' OR ')})`, parameters);
  }
  keys.forEach((key, i) => {
    const direction = window.forward ? key.direction : key.direction === 'ASC' ? 'DESC' : 'ASC';
    if (i === 0) page.orderBy(key.column, direction);
    else page.addOrderBy(key.column, direction);
  });
  page.limit(window.limit + 1);

  let result: { entities: E[]; raw: Record<string, unknown>[] };
  try {
    result = await page.getRawAndEntities();
  } catch (err) {
    const code = (err as { driverError?: { code?: string } }).driverError?.code;
    // A hand-made cursor whose values PostgreSQL cannot cast: the client's mistake, not ours.
    if (window.cursor && code && BAD_CAST.has(code)) {
      throw BadUserInputException.field(window.field, 'is not a valid cursor');
    }
    throw err;
  }

  const more = result.entities.length > window.limit;
  const rows = result.entities.slice(0, window.limit).map((entity, i) => ({
    node: toNode(entity),
    cursor: encodeCursor(keys.map((_, k) => String(result.raw[i]?.[`cursor_${k}`]))),
  }));
  if (!window.forward) rows.reverse();
  const edges = rows.map(({ cursor, node }) => ({ cursor, node }));
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
