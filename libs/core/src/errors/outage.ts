/**
 * PostgreSQL SQLSTATEs of a server going away or refusing connections, and of
 * our own statement_timeout (57014): not a bad statement, worth a retry.
 */
const PG_OUTAGE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
/** Node's socket errors of a peer that is down or unreachable. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
/** What pg and ioredis say when the connection, not the command, failed. */
const OUTAGE_MESSAGES = [
  /^Connection terminated/, // pg: the server closed the connection (restart, network)
  /timeout exceeded when trying to connect/, // pg pool: connectionTimeoutMillis
  /^Command timed out$/, // ioredis: commandTimeout (a silent Redis)
  /^Stream isn't writeable and enableOfflineQueue options is false$/, // ioredis: not connected
  /^Connection is closed\.$/, // ioredis
  /^Reached the max retries per request limit/, // ioredis: MaxRetriesPerRequestError
];

/**
 * Is this error a dependency outage (PostgreSQL or Redis down, restarting or
 * silent) rather than a bug? Looks through TypeORM's `driverError` and
 * `cause` chains. Such errors answer SERVICE_UNAVAILABLE, retryable.
 */
export function isDependencyOutage(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code) || PG_OUTAGE_CODES.has(code) || code.startsWith('08')) return true;
    }
    if (OUTAGE_MESSAGES.some((m) => m.test(current instanceof Error ? current.message : ''))) return true;
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}
