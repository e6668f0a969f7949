import { stdSerializers } from 'pino';

/** Fields of a database error (TypeORM's QueryFailedError, pg's DatabaseError) that can hold row values. */
const VALUE_FIELDS = ['parameters', 'driverError', 'detail', 'where', 'internalQuery', 'hint'];
const MAX_VALUE_CHARS = 2000;

const hasValues = (err: object): boolean => 'parameters' in err || 'driverError' in err || 'detail' in err;

/** `text` with every parameter's value put back as `$n` (values are never logged). */
function redactValues(text: string, parameters: unknown[]): string {
  let out = text;
  parameters.forEach((p, i) => {
    const value = typeof p === 'string' || typeof p === 'number' ? String(p) : undefined;
    if (value && value.length >= 3 && value.length <= MAX_VALUE_CHARS) out = out.split(value).join(`$${i + 1}`);
  });
  return out;
}

/**
 * pino's error serializer, except for database errors: their bound
 * parameters, `detail` ("Key (email)=(…) already exists") and the like carry
 * user data and secrets, so only the SQLSTATE code, the names (table,
 * column, constraint, routine), the statement with its placeholders, and the
 * message and stack with any parameter value taken out are kept.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error) || !hasValues(err)) return stdSerializers.err(err as Error);
  const source = err as Error & Record<string, unknown>;
  const driver = (source['driverError'] ?? source) as Record<string, unknown>;
  const parameters = Array.isArray(source['parameters']) ? (source['parameters'] as unknown[]) : [];
  const serialized = stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const field of VALUE_FIELDS) Reflect.deleteProperty(serialized, field);
  const pick = (name: string): unknown => (typeof driver[name] === 'string' ? driver[name] : undefined);
  return {
    ...serialized,
    message: redactValues(err.message, parameters),
    stack: typeof err.stack === 'string' ? redactValues(err.stack, parameters) : undefined,
    code: pick('code'),
    table: pick('table'),
    column: pick('column'),
    constraint: pick('constraint'),
    routine: pick('routine'),
    query: typeof source['query'] === 'string' ? source['query'].slice(0, MAX_VALUE_CHARS) : undefined,
  };
}
