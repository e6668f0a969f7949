import { Query, type PoolClient } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { SET_SCOPE_SQL } from './scope';

/**
 * One statement and its database scope in one round trip, with no SQL of
 * ours in between: a pg `Query` (pg's documented extension point, as
 * pg-cursor uses) that writes, in one extended-protocol batch,
 *
 *   Bind/Execute `set_config(…, true)` with the scope's values
 *   Bind/Describe/Execute the statement with its values
 *   Sync
 *
 * PostgreSQL runs everything before a Sync as one implicit transaction, so
 * the settings hold for the statement and end with it (they never reach the
 * pooled session). Values stay bound parameters. Both statements are prepared
 * once per connection (named, parsed on first use), so a repeated statement
 * is neither parsed nor planned again; a connection keeps the last
 * `STATEMENTS_KEPT` and closes the ones it forgets.
 */

const SCOPE_STATEMENT = 'app_scope';
export const STATEMENTS_KEPT = 200;

/** What pg's Connection offers a Query (pg's `Connection`, as its own Query uses it). */
interface Wire {
  parse(config: { text: string; name: string }): void;
  bind(config: { statement: string; portal?: string; values: (string | Buffer | null)[] }): void;
  describe(config: { type: 'P' | 'S'; name?: string }): void;
  execute(config: { portal?: string; rows?: number }): void;
  close(config: { type: 'S' | 'P'; name: string }): void;
  sync(): void;
  stream: { cork?: () => void; uncork?: () => void };
}

/** The prepared statements one connection holds, least recently used first. */
class Prepared {
  scope = false;
  private readonly names = new Map<string, string>();
  private next = 0;
  /** Names to close on the connection before its next statement (forgotten or possibly half-made). */
  readonly closing: string[] = [];

  nameOf(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined) {
      // Most recently used last.
      this.names.delete(text);
      this.names.set(text, name);
    }
    return name;
  }

  add(text: string): string {
    if (this.names.size >= STATEMENTS_KEPT) {
      const oldest = this.names.entries().next();
      if (!oldest.done) {
        this.names.delete(oldest.value[0]);
        this.closing.push(oldest.value[1]);
      }
    }
    const name = `app_s${++this.next}`;
    this.names.set(text, name);
    return name;
  }

  /** After an error: whatever this statement parsed may or may not exist on the server. */
  forget(parsed: readonly string[]): void {
    for (const name of parsed) {
      if (name === SCOPE_STATEMENT) this.scope = false;
      else {
        for (const [text, kept] of this.names) {
          if (kept === name) {
            this.names.delete(text);
            break;
          }
        }
      }
      // Closing a statement that does not exist is not an error (PostgreSQL's protocol).
      this.closing.push(name);
    }
  }
}

const preparedByWire = new WeakMap<Wire, Prepared>();

function preparedOn(wire: Wire): Prepared {
  let prepared = preparedByWire.get(wire);
  if (!prepared) {
    prepared = new Prepared();
    preparedByWire.set(wire, prepared);
  }
  return prepared;
}

/** The parts of pg's Query this one overrides (not in @types/pg). */
interface QueryInternals {
  text: string;
  values?: unknown[];
  handleDataRow(msg: unknown): void;
  handleCommandComplete(msg: unknown, wire: Wire): void;
  handleError(err: Error, wire: Wire): void;
}

const BaseQuery = Query as unknown as new (config: { text: string; values: unknown[] }) => QueryInternals;

export class ScopedStatement extends BaseQuery {
  /** Until the scope's CommandComplete: its row and completion are not the statement's. */
  private inScope = true;
  private readonly parsed: string[] = [];
  private wire: Wire | undefined;

  constructor(
    private readonly scope: readonly string[],
    text: string,
    values: readonly unknown[],
  ) {
    super({ text, values: [...values] });
  }

  submit(wire: Wire): Error | null {
    let values: (string | Buffer | null)[];
    try {
      // Before anything is written: a value pg cannot send fails the statement, not the connection.
      values = (this.values ?? []).map((v) => prepareValue(v));
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
    const prepared = preparedOn(wire);
    this.wire = wire;
    // Named first: a new name may push the least recently used one out, closed in this same batch.
    let name = prepared.nameOf(this.text);
    const parse = name === undefined;
    name ??= prepared.add(this.text);
    wire.stream.cork?.();
    try {
      for (const old of prepared.closing.splice(0)) wire.close({ type: 'S', name: old });
      if (!prepared.scope) {
        wire.parse({ text: SET_SCOPE_SQL, name: SCOPE_STATEMENT });
        prepared.scope = true;
        this.parsed.push(SCOPE_STATEMENT);
      }
      wire.bind({ statement: SCOPE_STATEMENT, values: [...this.scope] });
      wire.execute({});
      if (parse) {
        wire.parse({ text: this.text, name });
        this.parsed.push(name);
      }
      wire.bind({ statement: name, values });
      wire.describe({ type: 'P' });
      wire.execute({});
      wire.sync();
    } finally {
      wire.stream.uncork?.();
    }
    return null;
  }

  override handleDataRow(msg: unknown): void {
    if (!this.inScope) super.handleDataRow(msg);
  }

  override handleCommandComplete(msg: unknown, wire: Wire): void {
    if (this.inScope) this.inScope = false;
    else super.handleCommandComplete(msg, wire);
  }

  override handleError(err: Error, wire: Wire): void {
    if (this.parsed.length > 0) preparedOn(this.wire ?? wire).forget(this.parsed.splice(0));
    super.handleError(err, wire);
  }
}

/** The rows of `text` run on `client` under the scope whose values are `scope` (`scopeValues`). */
export function queryScoped<T>(
  client: PoolClient,
  scope: readonly string[],
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const statement = new ScopedStatement(scope, text, values) as ScopedStatement & {
      callback?: (err: Error | null, result?: { rows: T[] }) => void;
    };
    statement.callback = (err, result) => {
      if (err) reject(err);
      else resolve(result?.rows ?? []);
    };
    void client.query(statement as unknown as Query);
  });
}
