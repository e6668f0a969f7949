import { escapeLiteral } from 'pg';

/**
 * `sql` with its `$n` placeholders replaced by SQL literals of `parameters`,
 * so that it can travel in one simple-protocol message after the scope's
 * `set_config` (one round trip, one implicit transaction). Only what is
 * certain is inlined: null, strings, finite numbers, booleans and flat arrays
 * of strings or numbers, each quoted as an untyped literal (the server infers
 * its type from the context, as for an untyped parameter). Anything else —
 * another type of value, a comment, a dollar-quoted or escape string, a `$`
 * that is not a placeholder, an index out of range — returns null, and the
 * caller keeps the parameters (and an explicit BEGIN … COMMIT).
 */
export function inlineParameters(sql: string, parameters: readonly unknown[] | undefined): string | null {
  const params = parameters ?? [];
  const literals: string[] = [];
  for (const value of params) {
    const literal = toLiteral(value);
    if (literal === null) return null;
    literals.push(literal);
  }
  const shape = templateOf(sql);
  if (shape === null) return null;
  let out = shape.texts[0] ?? '';
  for (let i = 0; i < shape.indices.length; i++) {
    const index = (shape.indices[i] ?? 0) - 1;
    if (index < 0 || index >= literals.length) return null;
    out += literals[index] + (shape.texts[i + 1] ?? '');
  }
  return out;
}

/**
 * A statement cut at its placeholders: `texts[0] $indices[0] texts[1] …`, or
 * null when the scan cannot be sure of it. It depends on the text alone, so
 * it is kept by text (the app's statements are few and repeat on every request).
 */
interface Template {
  texts: string[];
  indices: number[];
}

const TEMPLATES_KEPT = 500;
const templates = new Map<string, Template | null>();

function templateOf(sql: string): Template | null {
  const kept = templates.get(sql);
  if (kept !== undefined) return kept;
  const shape = scan(sql);
  if (templates.size >= TEMPLATES_KEPT) {
    const oldest = templates.keys().next();
    if (!oldest.done) templates.delete(oldest.value);
  }
  templates.set(sql, shape);
  return shape;
}

function scan(sql: string): Template | null {
  // Jump from one character that matters to the next, copying what lies between.
  const special = /['"$]|--|\/\*/g;
  const texts: string[] = [];
  const indices: number[] = [];
  let from = 0;
  for (let m = special.exec(sql); m !== null; m = special.exec(sql)) {
    const i = m.index;
    const c = m[0];
    if (c === '--' || c === '/*') return null;
    if (c === "'" || c === '"') {
      // E'…' strings give backslashes a meaning this scan does not follow.
      if (c === "'" && /[eE]/.test(sql.charAt(i - 1)) && !isIdentChar(sql.charAt(i - 2))) return null;
      const end = closing(sql, i, c);
      if (end < 0) return null;
      special.lastIndex = end + 1;
      continue;
    }
    // `$`: a placeholder, or something this scan does not follow (dollar quotes, `$` in a name).
    const digits = /^\d+/.exec(sql.slice(i + 1, i + 12))?.[0];
    if (!digits) return null;
    const end = i + 1 + digits.length;
    // The context is judged on what the server will read once the literal is in place (see unsafeNeighbours).
    if (unsafeNeighbours(sql, i, end)) return null;
    const index = Number(digits);
    if (index < 1) return null;
    texts.push(sql.slice(from, i));
    indices.push(index);
    from = end;
    special.lastIndex = from;
  }
  texts.push(sql.slice(from));
  return { texts, indices };
}

function isIdentChar(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c);
}

/**
 * Could the literal put in place of `sql[start, end)` join its neighbours
 * into another token? Before it: an identifier character (`x$1`), `&` (`U&$1`
 * would become a Unicode-escape string) or anything non-ASCII (PostgreSQL
 * letters include every byte above 0x7F); after it: an identifier character
 * (`$1E'…'`, `$1é`); on either side, past any white space, a quote (two
 * string literals separated by a newline are one literal to PostgreSQL).
 */
function unsafeNeighbours(sql: string, start: number, end: number): boolean {
  const before = sql.charAt(start - 1);
  const after = sql.charAt(end);
  if (isIdentChar(before) || before === '&' || isNonAscii(before)) return true;
  if (isIdentChar(after) || isNonAscii(after)) return true;
  let b = start - 1;
  while (b >= 0 && isSpace(sql.charAt(b))) b--;
  let a = end;
  while (a < sql.length && isSpace(sql.charAt(a))) a++;
  return isQuote(sql.charAt(b)) || isQuote(sql.charAt(a));
}

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
const isQuote = (c: string): boolean => c === "'" || c === '"';

function isNonAscii(c: string): boolean {
  return c !== '' && c.charCodeAt(0) > 0x7f;
}

/** Index of the quote that closes the one at `start` (a doubled quote is an escaped one), or -1. */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const next = sql.indexOf(quote, i);
    if (next < 0) return -1;
    if (sql.charAt(next + 1) === quote) {
      i = next + 2;
      continue;
    }
    return next;
  }
}

function toLiteral(value: unknown): string | null {
  if (value === null || value === undefined) return 'NULL';
  // NUL cannot be in a PostgreSQL string, and would end a simple-protocol message early.
  if (typeof value === 'string') return value.includes('\u0000') ? null : escapeLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? escapeLiteral(String(value)) : null;
  if (typeof value === 'boolean') return value ? "'true'" : "'false'";
  if (Array.isArray(value)) {
    const elements: string[] = [];
    for (const item of value as unknown[]) {
      if (typeof item === 'string' && !item.includes('\u0000'))
        elements.push(`"${item.replace(/[\\"]/g, (m) => `\\${m}`)}"`);
      else if (typeof item === 'number' && Number.isFinite(item)) elements.push(String(item));
      else return null;
    }
    return escapeLiteral(`{${elements.join(',')}}`);
  }
  return null;
}
