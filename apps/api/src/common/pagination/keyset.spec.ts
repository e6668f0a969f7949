import { BadUserInputException } from '@app/core';
import { decodeCursor, encodeCursor, keysetPage, pageWindow, type Condition, type SortKey } from './keyset';
import type { Statements } from '@app/database';

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

/** A stand-in for the database that records each statement and answers with `answer(sql)`. */
function recordingDb(answer: (sql: string) => unknown[]) {
  const statements: { sql: string; values: unknown[] }[] = [];
  return {
    statements,
    db: {
      query: <R>(sql: string, parameters: unknown[] = []): Promise<R[]> => {
        statements.push({ sql: sql.replace(/\s+/g, ' '), values: parameters });
        return Promise.resolve(answer(sql) as R[]);
      },
    },
  };
}

const KEYS: SortKey[] = [
  { column: 'x.created_at', type: 'timestamptz', direction: 'DESC' },
  { column: 'x.id', type: 'uuid', direction: 'DESC' },
];
const rowsOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, cursor_0: `t-${i}`, cursor_1: `id-${i}` }));

describe('keysetPage', () => {
  const list = (db: Statements, filter: Condition | null = null) => ({
    db,
    from: 'things x',
    columns: 'x.id',
    where: (p: (v: unknown) => string) => `x.tenant_id = ${p('tenant-1')} AND x.deleted_at IS NULL`,
    filter,
    keys: KEYS,
  });

  it('reads one more row than asked, in one statement, numbering the values of the conditions in order', async () => {
    const { db, statements } = recordingDb(() => rowsOf(3));
    const page = await keysetPage(
      list(db, (p) => `x.name = ${p('a')}`),
      { first: 2 },
      (row: { id: string }) => row.id,
    );
    expect(statements).toEqual([
      {
        sql:
          'SELECT x.id, (x.created_at)::text AS cursor_0, (x.id)::text AS cursor_1 FROM things x ' +
          'WHERE (x.tenant_id = $1 AND x.deleted_at IS NULL) AND (x.name = $2) ORDER BY x.created_at DESC, x.id DESC LIMIT $3',
        values: ['tenant-1', 'a', 3],
      },
    ]);
    expect(page.edges.map((e) => e.node)).toEqual(['id-0', 'id-1']);
    expect(page.edges[1]?.cursor).toBe(encodeCursor(['t-1', 'id-1']));
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor(['t-0', 'id-0']),
      endCursor: encodeCursor(['t-1', 'id-1']),
    });
  });

  it('counts only when totalCount is read, once, under the same conditions', async () => {
    const { db, statements } = recordingDb((sql) => (sql.includes('count(*)') ? [{ n: 7 }] : rowsOf(1)));
    const page = await keysetPage(list(db), undefined, (row: { id: string }) => row.id);
    expect(statements).toHaveLength(1);
    expect(await page.totalCount).toBe(7);
    expect(await page.totalCount).toBe(7);
    expect(statements.slice(1)).toEqual([
      {
        sql: 'SELECT count(*)::int AS n FROM things x WHERE (x.tenant_id = $1 AND x.deleted_at IS NULL)',
        values: ['tenant-1'],
      },
    ]);
  });

  it('continues after a cursor, and pages backward in reverse order, returning rows in list order', async () => {
    const after = encodeCursor(['2026-01-01 00:00:00+00', 'id-9']);
    const forward = recordingDb(() => rowsOf(1));
    await keysetPage(list(forward.db), { first: 5, after }, (row: { id: string }) => row.id);
    expect(forward.statements[0]?.sql).toContain(
      'AND ((x.created_at < CAST($2 AS timestamptz)) OR (x.created_at = CAST($2 AS timestamptz) AND x.id < CAST($3 AS uuid))) ' +
        'ORDER BY x.created_at DESC, x.id DESC LIMIT $4',
    );
    expect(forward.statements[0]?.values).toEqual(['tenant-1', '2026-01-01 00:00:00+00', 'id-9', 6]);

    const backward = recordingDb(() => rowsOf(3));
    const page = await keysetPage(list(backward.db), { last: 2, before: after }, (row: { id: string }) => row.id);
    expect(backward.statements[0]?.sql).toContain(
      '(x.created_at > CAST($2 AS timestamptz)) OR (x.created_at = CAST($2 AS timestamptz) AND x.id > CAST($3 AS uuid))',
    );
    expect(backward.statements[0]?.sql).toContain('ORDER BY x.created_at ASC, x.id ASC');
    expect(page.edges.map((e) => e.node)).toEqual(['id-1', 'id-0']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('answers BAD_USER_INPUT when PostgreSQL cannot cast a hand-made cursor, and passes other errors on', async () => {
    const failing = (code: string) => ({
      query: () => Promise.reject(Object.assign(new Error('cast'), { driverError: { code } })),
    });
    const after = encodeCursor(['not a time', 'id']);
    await expect(keysetPage(list(failing('22007')), { after }, (row: { id: string }) => row.id)).rejects.toMatchObject({
      fields: [{ field: 'paging.after', messages: ['is not a valid cursor'] }],
    });
    await expect(keysetPage(list(failing('57014')), { after }, (row: { id: string }) => row.id)).rejects.toThrow(
      'cast',
    );
  });

  it('counts in the page’s statement when the client selects totalCount, and on its own for an empty page', async () => {
    const withTotal = recordingDb(() => rowsOf(2).map((row) => ({ ...row, total_count__: 12 })));
    const page = await keysetPage(list(withTotal.db), { first: 5 }, (row: { id: string }) => row.id, { count: true });
    expect(await page.totalCount).toBe(12);
    expect(withTotal.statements).toEqual([
      {
        sql:
          'SELECT x.id, (x.created_at)::text AS cursor_0, (x.id)::text AS cursor_1, ' +
          '(SELECT count(*)::int FROM things x WHERE (x.tenant_id = $1 AND x.deleted_at IS NULL)) AS total_count__ ' +
          'FROM things x WHERE (x.tenant_id = $2 AND x.deleted_at IS NULL) ORDER BY x.created_at DESC, x.id DESC LIMIT $3',
        values: ['tenant-1', 'tenant-1', 6],
      },
    ]);

    const empty = recordingDb((sql) => (sql.startsWith('SELECT count(*)') ? [{ n: 3 }] : []));
    const past = await keysetPage(
      list(empty.db),
      { after: encodeCursor(['t', 'id']) },
      (row: { id: string }) => row.id,
      {
        count: true,
      },
    );
    expect(past.edges).toEqual([]);
    expect(await past.totalCount).toBe(3);
    expect(empty.statements).toHaveLength(2);
  });

  it('reads the page-only joins in the page, never in the count', async () => {
    const { db, statements } = recordingDb(() => rowsOf(1).map((row) => ({ ...row, total_count__: 1 })));
    const page = await keysetPage(
      { ...list(db), join: 'LEFT JOIN owners o ON o.id = x.owner_id', columns: 'x.id, o.name' },
      undefined,
      (row: { id: string }) => row.id,
      { count: true },
    );
    expect(statements[0]?.sql).toContain(
      '(SELECT count(*)::int FROM things x WHERE (x.tenant_id = $1 AND x.deleted_at IS NULL)) AS total_count__ ' +
        'FROM things x LEFT JOIN owners o ON o.id = x.owner_id WHERE',
    );
    expect(await page.totalCount).toBe(1);
    expect(statements).toHaveLength(1);
  });

  it('reads no rows for first: 0 but still counts when asked', async () => {
    const { db, statements } = recordingDb(() => [{ n: 4 }]);
    const page = await keysetPage(list(db), { first: 0 }, (row: { id: string }) => row.id);
    expect(page.edges).toEqual([]);
    expect(statements).toHaveLength(0);
    expect(await page.totalCount).toBe(4);
  });
});
