// pg's own value serialisation (Dates, arrays, JSON, Buffers), exported by pg as `pg/lib/utils`
// but not typed by @types/pg. Used by the scoped statement (scoped-statement.ts) to bind values
// exactly as pg's Query does.
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
