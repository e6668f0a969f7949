import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectEnv, InjectRedis, type Env } from '@app/core';

/** How long a first result is kept and replayed. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** How long a request may hold its key while running; a crashed one frees it after this. */
const RUNNING_TTL_SECONDS = 60;
/** How long a retry waits for the first request to finish before it answers CONFLICT. */
const WAIT_FOR_FIRST_MS = 10_000;

export type Outcome =
  { kind: 'run' } | { kind: 'replay'; result: Record<string, unknown> } | { kind: 'conflict'; message: string };

interface Stored {
  state: 'running' | 'done';
  fingerprint: string;
  result?: Record<string, unknown>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Idempotency keys with Stripe's semantics, in Redis (so every API instance
 * sees them): per tenant + user + key, the first result (success or error)
 * is kept 24 h and replayed; the same key with another request is CONFLICT;
 * a retry while the first still runs waits for it (or gets CONFLICT) and
 * never runs the work a second time.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectEnv() private readonly env: Env,
  ) {}

  async begin(scope: string, key: string, fingerprint: string): Promise<Outcome> {
    const redisKey = this.redisKey(scope, key);
    const running = JSON.stringify({ state: 'running', fingerprint } satisfies Stored);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
      if ((await this.redis.set(redisKey, running, 'EX', RUNNING_TTL_SECONDS, 'NX')) === 'OK') return { kind: 'run' };
      const raw = await this.redis.get(redisKey);
      if (raw) {
        const stored = JSON.parse(raw) as Stored;
        if (stored.fingerprint !== fingerprint) {
          return { kind: 'conflict', message: 'This Idempotency-Key was already used with a different request' };
        }
        if (stored.state === 'done' && stored.result) return { kind: 'replay', result: stored.result };
      }
      if (Date.now() >= deadline) {
        return {
          kind: 'conflict',
          message: 'A request with this Idempotency-Key is still being processed; retry later',
        };
      }
      await sleep(delay);
    }
  }

  async finish(scope: string, key: string, fingerprint: string, result: Record<string, unknown>): Promise<void> {
    const done: Stored = { state: 'done', fingerprint, result };
    await this.redis.set(this.redisKey(scope, key), JSON.stringify(done), 'EX', IDEMPOTENCY_TTL_SECONDS);
  }

  private redisKey(scope: string, key: string): string {
    return `${this.env.QUEUE_PREFIX}:idem:${scope}:${createHash('sha256').update(key).digest('hex')}`;
  }
}
