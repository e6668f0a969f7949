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

/**
 * The same fixed windows in this process's memory: the fallback while Redis
 * cannot be reached, so that limits still hold (per instance) instead of the
 * limited operation failing. Bounded: at `maxKeys` the expired windows go,
 * then the oldest.
 */
export class LocalWindows {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly maxKeys = 100_000) {}

  hit(key: string, windowSeconds: number, now = Date.now()): WindowHit {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.evict(now);
      window = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, ttl: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  get size(): number {
    return this.windows.size;
  }

  private evict(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    // Still full: the oldest windows (Map order is insertion order) make room.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
