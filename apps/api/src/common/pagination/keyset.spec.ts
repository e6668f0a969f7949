import { BadUserInputException } from '@app/core';
import { decodeCursor, encodeCursor, pageWindow } from './keyset';

function fieldsOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof BadUserInputException) return err.fields;
    throw err;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('keyset paging rules', () => {
  it('defaults to the first 20 and caps at 100', () => {
    expect(pageWindow(undefined, 2)).toMatchObject({ forward: true, limit: 20, cursor: null });
    expect(pageWindow({ first: 500 }, 2)).toMatchObject({ forward: true, limit: 100 });
    expect(pageWindow({ last: 101 }, 2)).toMatchObject({ forward: false, limit: 100 });
    expect(pageWindow({ first: 0 }, 2)).toMatchObject({ limit: 0 });
  });

  it('pages backward with last/before and refuses mixing the two directions', () => {
    const cursor = encodeCursor(['2026-01-01 00:00:00+00', 'x']);
    expect(pageWindow({ last: 5, before: cursor }, 2)).toMatchObject({
      forward: false,
      limit: 5,
      cursor: ['2026-01-01 00:00:00+00', 'x'],
      field: 'paging.before',
    });
    expect(fieldsOf(() => pageWindow({ first: 5, before: cursor }, 2))).toEqual([
      { field: 'paging', messages: ['use first/after or last/before, not both'] },
    ]);
  });

  it('refuses negative sizes', () => {
    expect(fieldsOf(() => pageWindow({ last: -3 }, 2))).toEqual([
      { field: 'paging.last', messages: ['must not be negative'] },
    ]);
  });

  it('round-trips a cursor and refuses anything that is not one of ours', () => {
    expect(decodeCursor(encodeCursor(['a', 'b']), 2, 'paging.after')).toEqual(['a', 'b']);
    const invalid = [{ field: 'paging.after', messages: ['is not a valid cursor'] }];
    for (const bad of [
      'not base64!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('not json').toString('base64url'),
      encodeCursor(['only-one']),
      Buffer.from(JSON.stringify([1, 2])).toString('base64url'),
      encodeCursor(['x'.repeat(300), 'y']),
    ]) {
      expect(fieldsOf(() => decodeCursor(bad, 2, 'paging.after'))).toEqual(invalid);
    }
  });
});
