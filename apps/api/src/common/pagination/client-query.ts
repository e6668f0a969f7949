import type { Filter, SortField } from '@ptc-org/nestjs-query-core';
import type { TypeOrmQueryService } from '@ptc-org/nestjs-query-typeorm';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { BadUserInputException } from '@app/core';
import type { SortKey } from './keyset';

/**
 * ANDs a client's nestjs-query filter into `query`, inside brackets: it can
 * narrow what the service already selected (the tenant's live rows), never
 * widen it, whatever its `or`s.
 */
export function andClientFilter<E extends ObjectLiteral, DTO>(
  query: SelectQueryBuilder<E>,
  service: TypeOrmQueryService<E>,
  filter: Filter<DTO> | null | undefined,
  alias: string,
): SelectQueryBuilder<E> {
  if (!filter || Object.keys(filter).length === 0) return query;
  return query.andWhere(
    new Brackets((qb) => {
      service.filterQueryBuilder.applyFilter(qb, filter as unknown as Filter<E>, alias);
    }),
  );
}

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
