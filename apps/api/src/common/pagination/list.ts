import { BadUserInputException } from '@app/core';
import type { TenantStatements } from '@app/database';
import type { Page } from './connection.type';
import type { CursorPaging } from './cursor-paging.input';
import { filterCondition, type ListColumn } from './filter';
import { keysetPage, type Condition, type PageOptions, type SortKey } from './keyset';
import type { SortTerm } from './sort.input';

/**
 * A tenant's list, declared once by its service (vendure's ListQueryBuilder
 * is the model): where its rows are, which column holds their tenant, and
 * the column of every field the client may sort and filter by, keyed by the
 * GraphQL sort enum's values (`Record<ProductSortFields, …>`: a field added to
 * the enum and not mapped does not compile).
 */
export interface TenantList<F extends string> {
  /** The table and its to-one joins (every row is one node): `products p`, `memberships m JOIN users u ON …`. */
  from: string;
  /** LEFT JOINs to one row that only the page reads (ListQuery.join). */
  join?: string;
  /** The select list: the row `toNode` receives. */
  columns: string;
  /** The column holding the row's tenant: every statement of the list keeps to the unit of work's tenant. */
  tenant: string;
  /** The service's other conditions (live rows), ANDed with the tenant's. */
  where?: Condition;
  /** The sortable (and filterable) fields' columns. */
  fields: Readonly<Record<F, ListColumn>>;
  /** The order when the client sorts by nothing. */
  defaultOrder: SortKey;
  /** The unique column (the id): the last sort key, so that the order is total. */
  id: string;
}

/** What the client asks of a list: the GraphQL arguments `filter`, `sorting`, `paging`. */
export interface ListArgs<F extends string> {
  /** nestjs-query's filter shape over the list's fields (filterCondition). */
  filter?: object | null;
  sorting?: readonly SortTerm<F>[] | null;
  paging?: CursorPaging | null;
}

/**
 * One keyset page of a tenant's list in the unit of work `work` (its tenant,
 * its scope): the client's filter ANDed in, its sorting then the id, the
 * count and to-one relations in the page's statement when selected
 * (PageOptions).
 */
// Row is the caller's declaration of its select list (`columns`): named once, by `toNode`.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function tenantPage<F extends string, Row extends Record<string, unknown>, T>(
  work: TenantStatements,
  list: TenantList<F>,
  args: ListArgs<F>,
  toNode: (row: Row) => T,
  options: PageOptions = {},
): Promise<Page<T>> {
  const tenantId = work.tenantId;
  const own = list.where;
  return keysetPage(
    {
      db: work,
      from: list.from,
      join: list.join,
      columns: list.columns,
      where: own ? (p) => `${list.tenant} = ${p(tenantId)} AND (${own(p)})` : (p) => `${list.tenant} = ${p(tenantId)}`,
      filter: filterCondition(args.filter, list.fields),
      keys: sortKeys(list, args.sorting),
    },
    args.paging,
    toNode,
    options,
  );
}

/** The client's sorting as keyset keys (each field's column, then the id), or the list's default order. */
function sortKeys<F extends string>(list: TenantList<F>, sorting: ListArgs<F>['sorting']): SortKey[] {
  const fields = list.fields as Readonly<Record<string, ListColumn>>;
  const keys: SortKey[] = (sorting ?? []).map((s) => {
    if (!Object.prototype.hasOwnProperty.call(fields, s.field)) {
      throw BadUserInputException.field('sorting', `cannot sort by ${s.field}`);
    }
    const direction: string = s.direction;
    if (direction !== 'ASC' && direction !== 'DESC') {
      throw BadUserInputException.field('sorting', 'direction must be ASC or DESC');
    }
    return { ...fields[s.field], direction };
  });
  if (keys.length === 0) keys.push(list.defaultOrder);
  keys.push({
    column: list.id,
    type: 'uuid',
    direction: keys[keys.length - 1]?.direction ?? list.defaultOrder.direction,
  });
  return keys;
}
