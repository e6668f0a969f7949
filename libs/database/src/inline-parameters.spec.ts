import { inlineParameters } from './inline-parameters';

describe('inlineParameters', () => {
  it('replaces each $n by the literal of its value, as often as it appears', () => {
    expect(inlineParameters('SELECT * FROM t WHERE a = $1 AND b = $2 OR c = $1', ['x', 42])).toBe(
      "SELECT * FROM t WHERE a = 'x' AND b = '42' OR c = 'x'",
    );
    expect(inlineParameters('SELECT $10, $1', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])).toBe(
      "SELECT 'j', 'a'",
    );
  });

  it('quotes what could end a literal: quotes doubled, backslashes in an E string', () => {
    expect(inlineParameters('SELECT $1', ["O'Reilly"])).toBe("SELECT 'O''Reilly'");
    expect(inlineParameters('SELECT $1', ['a\\b'])).toBe("SELECT  E'a\\\\b'");
    expect(inlineParameters('SELECT $1', ["'; DROP TABLE users; --"])).toBe("SELECT '''; DROP TABLE users; --'");
  });

  it('writes null, booleans and flat arrays of strings or numbers', () => {
    expect(inlineParameters('SELECT $1, $2, $3', [null, undefined, true])).toBe("SELECT NULL, NULL, 'true'");
    expect(inlineParameters('SELECT $1::uuid[]', [['a', 'b"c', 'd\\e']])).toBe(
      `SELECT  E'{"a","b\\\\"c","d\\\\\\\\e"}'::uuid[]`,
    );
    expect(inlineParameters('SELECT $1::int[]', [[1, 2]])).toBe("SELECT '{1,2}'::int[]");
  });

  it('gives the same answers for a statement it has seen before, whatever the values', () => {
    const sql = 'SELECT * FROM t WHERE a = $1 AND b = ANY($2)';
    for (let i = 0; i < 3; i++) {
      expect(inlineParameters(sql, [`v${i}`, [i]])).toBe(`SELECT * FROM t WHERE a = 'v${i}' AND b = ANY('{${i}}')`);
      expect(inlineParameters(sql, ['only one'])).toBeNull();
      expect(inlineParameters(sql, [new Date(), [1]])).toBeNull();
    }
    const unsure = 'SELECT $1 -- $2';
    expect(inlineParameters(unsure, ['a', 'b'])).toBeNull();
    expect(inlineParameters(unsure, ['a', 'b'])).toBeNull();
  });

  it('leaves quoted text alone: a $1 inside a string or an identifier is not a placeholder', () => {
    expect(inlineParameters(`SELECT '$1', "$1", 'it''s $1', $1`, ['v'])).toBe(`SELECT '$1', "$1", 'it''s $1', 'v'`);
  });

  it('gives up (null) on anything it cannot be sure of', () => {
    const cases: [string, unknown[]][] = [
      ['SELECT $1', [new Date()]],
      ['SELECT $1', [{ a: 1 }]],
      ['SELECT $1', [Buffer.from('x')]],
      ['SELECT $1', [Number.NaN]],
      ['SELECT $1', [[['nested']]]],
      ['SELECT $1', [[null]]],
      ['SELECT $1', ['nul\u0000byte']],
      ['SELECT $2', ['only one']],
      ['SELECT $0', ['x']],
      ['SELECT 1 -- $1', ['x']],
      ['SELECT /* $1 */ 1', ['x']],
      ['SELECT $$quoted$$', []],
      ["SELECT E'\\'' || $1", ['x']],
      ["SELECT 'unterminated", []],
      ['SELECT a$1 FROM t', ['x']],
    ];
    for (const [sql, params] of cases) expect({ sql, out: inlineParameters(sql, params) }).toEqual({ sql, out: null });
  });

  it('passes a statement without parameters through unchanged', () => {
    expect(inlineParameters('SELECT 1', undefined)).toBe('SELECT 1');
  });
});
