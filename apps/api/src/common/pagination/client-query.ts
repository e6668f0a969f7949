import type { Filter, SortField } from '@ptc-org/nestjs-query-core';
import type { TypeOrmQueryService } from '@ptc-org/nestjs-query-typeorm';
import { Brackets, type ObjectLiteral } from 'typeorm';
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

/**
 * The client's nestjs-query filter as a Condition of a list (ListQuery.filter),
 * or null when it has none. Bounded first (assertFilterBounds). nestjs-query's
 * filter builder writes it (field names to columns through the entity's
 * metadata, every value a parameter); this takes its WHERE clause and hands
 * the values to the list's statement in their order.
 */
export function clientFilter<E extends ObjectLiteral, DTO>(
  service: TypeOrmQueryService<E>,
  filter: Filter<DTO> | null | undefined,
  alias: string,
): Condition | null {
  if (!filter || Object.keys(filter).length === 0) return null;
  assertFilterBounds(filter);
  const [sql, values] = service.repo
    .createQueryBuilder(alias)
    .withDeleted()
    .select('1')
    .where(
      new Brackets((qb) => {
        service.filterQueryBuilder.applyFilter(qb, filter as unknown as Filter<E>, alias);
      }),
    )
    .getQueryAndParameters();
  const at = sql.indexOf(WHERE);
  // A filter of empty parts (`{ and: [] }`) compares nothing: no condition.
  if (at < 0) return null;
  const where = sql.slice(at + WHERE.length);
  // TypeORM writes every value as $n and quotes every identifier: a `$` followed by digits is a parameter.
  return (param) => where.replace(/\$(\d+)/g, (_, n: string) => param(values[Number(n) - 1]));
}

const WHERE = ' WHERE ';

/**
 * The keyset sort key for a client's `sorting`: each field's column, then the
 * id (a total order), or `fallback` when the client sorts by nothing.
 */
export function sortKeysFor<DTO>(
  sorting: SortField<DTO>[] | null | undefined,
  columns: Record<string, Pick<SortKey, 'column' | 'type'>>,
  fallback: SortKey,
  idColumn: string,
): SortKey[] {
  const keys: SortKey[] = (sorting ?? []).map((s) => {
    const column = columns[String(s.field)] as Pick<SortKey, 'column' | 'type'> | undefined;
    if (!column) throw BadUserInputException.field('sorting', `cannot sort by ${String(s.field)}`);
    return { ...column, direction: s.direction };
  });
  if (keys.length === 0) keys.push(fallback);
  keys.push({ column: idColumn, type: 'uuid', direction: keys[keys.length - 1]?.direction ?? fallback.direction });
  return keys;
}
