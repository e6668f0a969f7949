import { MAX_FILTER_DEPTH, MAX_FILTER_TERMS, assertFilterBounds, filterCondition } from './filter';

const nested = (levels: number): Record<string, unknown> => {
  let f: Record<string, unknown> = { name: { eq: 'a' } };
  for (let i = 0; i < levels; i++) f = { and: [f] };
  return f;
};
/** What assertFilterBounds says of `filter`: 'accepted', or the fields of its BAD_USER_INPUT. */
const fields = (filter: unknown): unknown => {
  try {
    assertFilterBounds(filter);
  } catch (err) {
    return (err as { fields?: unknown }).fields;
  }
  return 'accepted';
};

describe('assertFilterBounds', () => {
  it('accepts and/or nesting up to MAX_FILTER_DEPTH levels, refuses one more, naming the limit', () => {
    expect(fields(nested(MAX_FILTER_DEPTH - 1))).toBe('accepted');
    expect(fields(nested(MAX_FILTER_DEPTH))).toEqual([
      { field: 'filter', messages: [`nests and/or deeper than ${MAX_FILTER_DEPTH} levels`] },
    ]);
    // Far deeper, without overflowing the stack.
    expect(fields(nested(100_000))).toEqual([
      { field: 'filter', messages: [`nests and/or deeper than ${MAX_FILTER_DEPTH} levels`] },
    ]);
  });

  it('counts every compared value, wherever it sits; an `in` list is one comparison', () => {
    const or = (n: number) => ({ or: Array.from({ length: n }, (_, i) => ({ price: { gt: i } })) });
    expect(fields(or(MAX_FILTER_TERMS))).toBe('accepted');
    expect(fields(or(MAX_FILTER_TERMS + 1))).toEqual([
      { field: 'filter', messages: [`holds more than ${MAX_FILTER_TERMS} comparisons`] },
    ]);
    expect(fields({ price: { between: { lower: 1, upper: 2 } } })).toBe('accepted');
    expect(fields({ name: { in: Array.from({ length: 980 }, String) } })).toBe('accepted');
  });
});

describe('filterCondition', () => {
  const columns = {
    name: { column: 'p.name', type: 'text' },
    price: { column: 'p.price', type: 'numeric' },
    createdAt: { column: 'p.created_at', type: 'timestamptz' },
  } as const;

  /** The SQL and the values of a filter, numbered as a statement numbers them. */
  const sql = (filter: object): { text: string | null; values: unknown[] } => {
    const condition = filterCondition(filter, columns);
    const values: unknown[] = [];
    const text = condition ? condition((v) => `$${String(values.push(v))}`) : null;
    return { text, values };
  };
  /** The fields of the BAD_USER_INPUT a filter gets. */
  const refused = (filter: object): unknown => {
    try {
      filterCondition(filter, columns);
    } catch (err) {
      return (err as { fields?: unknown }).fields;
    }
    return 'accepted';
  };

  it('compares nothing for an empty filter, or one of undefined and null parts', () => {
    expect(sql({})).toEqual({ text: null, values: [] });
    expect(sql({ name: null, and: null, or: [], price: { eq: undefined } })).toEqual({ text: null, values: [] });
  });

  it('writes every operator over the service’s column, every value as a parameter', () => {
    const day = new Date('2026-01-02T00:00:00Z');
    expect(sql({ name: { eq: "x' OR 1=1 --" }, price: { gte: 2, lt: 9 } })).toEqual({
      text: 'p.name = $1 AND p.price >= $2 AND p.price < $3',
      values: ["x' OR 1=1 --", 2, 9],
    });
    expect(sql({ name: { neq: 'a', like: 'b%', notLike: 'c%', iLike: 'd%', notILike: 'e%' } }).text).toBe(
      'p.name != $1 AND p.name LIKE $2 AND p.name NOT LIKE $3 AND p.name ILIKE $4 AND p.name NOT ILIKE $5',
    );
    expect(sql({ createdAt: { gt: day, lte: day } })).toEqual({
      text: 'p.created_at > $1 AND p.created_at <= $2',
      values: [day, day],
    });
  });

  it('is/isNot compare with NULL, TRUE or FALSE, without a parameter', () => {
    expect(sql({ name: { is: null }, price: { isNot: null } })).toEqual({
      text: 'p.name IS NULL AND p.price IS NOT NULL',
      values: [],
    });
    expect(sql({ name: { is: true, isNot: false } }).text).toBe('p.name IS TRUE AND p.name IS NOT FALSE');
  });

  it('in/notIn take one array parameter whatever the list’s size; an empty in matches nothing', () => {
    expect(sql({ name: { in: ['a', 'b', 'c'] } })).toEqual({ text: 'p.name = ANY($1)', values: [['a', 'b', 'c']] });
    expect(sql({ name: { notIn: [] } })).toEqual({ text: 'p.name <> ALL($1)', values: [[]] });
  });

  it('between/notBetween take the range’s bounds', () => {
    expect(sql({ price: { between: { lower: 1, upper: 5 }, notBetween: { lower: 2, upper: 3 } } })).toEqual({
      text: 'p.price BETWEEN $1 AND $2 AND p.price NOT BETWEEN $3 AND $4',
      values: [1, 5, 2, 3],
    });
  });

  it('nests and/or in parentheses', () => {
    expect(sql({ or: [{ name: { eq: 'a' } }, { and: [{ price: { gt: 1 } }, { price: { lt: 2 } }] }] })).toEqual({
      text: '((p.name = $1) OR (((p.price > $2) AND (p.price < $3))))',
      values: ['a', 1, 2],
    });
  });

  it('refuses a field the list does not map, an unknown operator and a value of the wrong shape', () => {
    expect(refused({ tenantId: { eq: 'x' } })).toEqual([{ field: 'filter', messages: ['cannot filter by tenantId'] }]);
    expect(refused({ name: { regexp: '.*' } })).toEqual([
      { field: 'filter.name.regexp', messages: ['is not a comparison (regexp)'] },
    ]);
    expect(refused({ name: { eq: ['a'] } })).toEqual([
      { field: 'filter.name.eq', messages: ['must be a single value'] },
    ]);
    expect(refused({ name: { in: 'a' } })).toEqual([
      { field: 'filter.name.in', messages: ['must be a list of values'] },
    ]);
    expect(refused({ name: { is: 'yes' } })).toEqual([
      { field: 'filter.name.is', messages: ['must be true, false or null'] },
    ]);
    expect(refused({ price: { between: { lower: 1 } } })).toEqual([
      { field: 'filter.price.between', messages: ['must have a lower and an upper bound'] },
    ]);
    expect(refused({ and: { name: { eq: 'a' } } })).toEqual([
      { field: 'filter', messages: ['and must be a list of filters'] },
    ]);
    expect(refused({ name: 'a' })).toEqual([{ field: 'filter.name', messages: ['must be a comparison'] }]);
  });

  it('checks the bounds first', () => {
    expect(refused(nested(MAX_FILTER_DEPTH))).toEqual([
      { field: 'filter', messages: [`nests and/or deeper than ${MAX_FILTER_DEPTH} levels`] },
    ]);
  });
});
