import { MAX_FILTER_DEPTH, MAX_FILTER_TERMS, assertFilterBounds } from './client-query';

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
