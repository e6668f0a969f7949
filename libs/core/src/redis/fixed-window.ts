import type Redis from 'ioredis';

/**
 * One hit in a fixed window: INCR, an expiry set only when the key has none
 * (EXPIRE … NX), and the seconds left, in one script: one command, atomic,
 * instead of MULTI, the three and EXEC (the request limit runs it on every request).
 */
const HIT = `local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1], 'NX')
return {n, redis.call('TTL', KEYS[1])}`;

/** A counter's state after one hit: the hits so far in the window, and the seconds until it resets. */
export interface WindowHit {
  count: number;
  ttl: number;
}

/** Counts one hit against `key` in a window of `windowSeconds` (starting at its first hit). */
export async function hitFixedWindow(redis: Redis, key: string, windowSeconds: number): Promise<WindowHit> {
  const result = (await redis.eval(HIT, 1, key, windowSeconds)) as [number, number];
  const ttl = result[1];
  return { count: result[0], ttl: ttl > 0 ? ttl : windowSeconds };
}
