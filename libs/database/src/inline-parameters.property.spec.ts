import fc from 'fast-check';
import { inlineParameters } from './inline-parameters';

/**
 * Property tests of the SQL inliner against an independent tokenizer of
 * PostgreSQL's lexical rules (scan.l, standard_conforming_strings on):
 * whatever the SQL around a placeholder and whatever the value, either the
 * inliner gives up (null), or the server reads exactly the original tokens
 * with each placeholder turned into one literal holding that value — no
 * value's text ever leaves its literal, no neighbour joins it.
 */

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'ident'; value: string }
  | { kind: 'qident'; value: string }
  | { kind: 'param'; value: number }
  | { kind: 'number'; value: string }
  | { kind: 'op'; value: string };

class LexError extends Error {}

const SPACE = /[ \t\n\r\f\v]/;
const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c) || (c !== '' && c.charCodeAt(0) > 0x7f);
const isIdentCont = (c: string): boolean => isIdentStart(c) || /[0-9$]/.test(c);

/** PostgreSQL's tokens of `sql`, comments and white space dropped; LexError where the server would fail to lex. */
function lex(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (k: number): string => sql.charAt(k);

  /** Reads a quoted body from `start` (just past the opening quote); returns [decoded, index past the closing quote]. */
  const quoted = (start: number, quote: string, backslashes: boolean): [string, number] => {
    let value = '';
    let k = start;
    for (;;) {
      if (k >= sql.length) throw new LexError('unterminated quoted text');
      const c = at(k);
      if (backslashes && c === '\\') {
        const n = at(k + 1);
        if (n === '') throw new LexError('unterminated escape');
        value += ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[n] ?? n;
        k += 2;
        continue;
      }
      if (c === quote) {
        if (at(k + 1) === quote) {
          value += quote;
          k += 2;
          continue;
        }
        return [value, k + 1];
      }
      value += c;
      k++;
    }
  };

  /** A string literal, with PostgreSQL's continuation: another quote after white space holding a newline. */
  const stringLiteral = (start: number, backslashes: boolean): void => {
    let [value, k] = quoted(start, "'", backslashes);
    for (;;) {
      let j = k;
      let newline = false;
      while (j < sql.length && SPACE.test(at(j))) {
        if (at(j) === '\n' || at(j) === '\r') newline = true;
        j++;
      }
      if (!newline || at(j) !== "'") break;
      const [more, end] = quoted(j + 1, "'", backslashes);
      value += more;
      k = end;
    }
    tokens.push({ kind: 'string', value });
    i = k;
  };

  while (i < sql.length) {
    const c = at(i);
    const two = sql.slice(i, i + 2);
    if (SPACE.test(c)) {
      i++;
    } else if (two === '--') {
      while (i < sql.length && at(i) !== '\n') i++;
    } else if (two === '/*') {
      let depth = 0;
      do {
        if (i >= sql.length) throw new LexError('unterminated comment');
        if (sql.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else i++;
      } while (depth > 0);
    } else if (/^[uU]&'/.test(sql.slice(i, i + 3))) {
      stringLiteral(i + 3, false);
    } else if (/^[uU]&"/.test(sql.slice(i, i + 3))) {
      const [value, end] = quoted(i + 3, '"', false);
      tokens.push({ kind: 'qident', value });
      i = end;
    } else if (/^[eE]'/.test(two)) {
      stringLiteral(i + 2, true);
    } else if (/^[bBxXnN]'/.test(two)) {
      stringLiteral(i + 2, false);
    } else if (c === "'") {
      stringLiteral(i + 1, false);
    } else if (c === '"') {
      const [value, end] = quoted(i + 1, '"', false);
      if (value === '') throw new LexError('zero-length delimited identifier');
      tokens.push({ kind: 'qident', value });
      i = end;
    } else if (c === '$') {
      const param = /^\$(\d+)/.exec(sql.slice(i))?.[1];
      if (param !== undefined) {
        tokens.push({ kind: 'param', value: Number(param) });
        i += 1 + param.length;
        continue;
      }
      let j = i + 1;
      if (isIdentStart(at(j))) while (j < sql.length && isIdentCont(at(j)) && at(j) !== '$') j++;
      if (at(j) !== '$') throw new LexError('a lone $');
      const tag = sql.slice(i, j + 1);
      const close = sql.indexOf(tag, j + 1);
      if (close < 0) throw new LexError('unterminated dollar-quoted string');
      tokens.push({ kind: 'string', value: sql.slice(j + 1, close) });
      i = close + tag.length;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < sql.length && isIdentCont(at(j))) j++;
      tokens.push({ kind: 'ident', value: sql.slice(i, j).toLowerCase() });
      i = j;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(at(i + 1)))) {
      const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'number', value: num });
      i += num.length;
    } else {
      tokens.push({ kind: 'op', value: c });
      i++;
    }
  }
  return tokens;
}

/** What a placeholder's value must read as once inlined (an array: some string literal). */
function expectedToken(value: unknown): Token | 'any-string' {
  if (value === null || value === undefined) return { kind: 'ident', value: 'null' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'string', value: String(value) };
  return 'any-string';
}

const fragment = fc.oneof(
  fc.constantFrom(
    'SELECT ',
    ' ',
    '\n',
    '\t',
    ',',
    '(',
    ')',
    ' = ',
    '||',
    '::text',
    '.',
    'E',
    'e',
    'U',
    'u',
    '&',
    'U&',
    'N',
    'B',
    'X',
    'é',
    'ß',
    'x',
    '_',
    '1',
    '2.5',
    "'",
    '"',
    '\\',
    '$',
    '$$',
    '--',
    '/*',
    '*/',
  ),
  fc.integer({ min: 0, max: 4 }).map((n) => `$${n}`),
  fc.string({ maxLength: 6 }).map((s) => `'${s.replace(/'/g, "''")}'`),
  fc.string({ maxLength: 6 }).map((s) => `E'${s.replace(/['\\]/g, (m) => m + m)}'`),
  fc.string({ maxLength: 6 }).map((s) => `"${s.replace(/"/g, '""')}"`),
);

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom("'", '"', '\\', '$', '1', 'E', '\n', ' ', '-', '*', '/', 'é', 'a'),
    maxLength: 12,
  }),
);
const value = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
);

describe('inlineParameters (property: against an independent PostgreSQL tokenizer)', () => {
  it('never lets a value leave its literal, nor a neighbour join it', () => {
    fc.assert(
      fc.property(
        fc.array(fragment, { minLength: 1, maxLength: 14 }),
        fc.array(value, { minLength: 0, maxLength: 4 }),
        (parts, values) => {
          const sql = parts.join('');
          const out = inlineParameters(sql, values);
          if (out === null) return;
          let original: Token[];
          try {
            original = lex(sql);
          } catch (err) {
            if (!(err instanceof LexError)) throw err;
            // The server refuses the original: it must refuse the inlined text too.
            expect(() => lex(out)).toThrow(LexError);
            return;
          }
          // What the server would have read with the parameters bound...
          const expected = original.map((t) => (t.kind === 'param' ? expectedToken(values[t.value - 1]) : t));
          // ...and what it reads from the inlined text: the same, token for token.
          const actual = lex(out);
          expect(actual).toHaveLength(expected.length);
          expected.forEach((want, k) => {
            const got = actual[k] as Token | undefined;
            if (want === 'any-string') expect(got?.kind).toBe('string');
            else expect({ k, sql, out, got }).toEqual({ k, sql, out, got: want });
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives up on the shapes the scan cannot judge from the original text alone', () => {
    const cases = ["SELECT $1E'x'", 'SELECT U&$1', 'SELECT é$1', "SELECT '$'$1", "SELECT $1'x'", "SELECT $1\n'x'"];
    for (const sql of cases) expect({ sql, out: inlineParameters(sql, ['v']) }).toEqual({ sql, out: null });
    // Two literals with a newline between are one to PostgreSQL (why a quote beyond white space counts).
    expect(lex("SELECT 'v'\n'x'")).toEqual([
      { kind: 'ident', value: 'select' },
      { kind: 'string', value: 'vx' },
    ]);
  });
});
