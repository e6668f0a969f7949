import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Pool } from 'pg';
import type Redis from 'ioredis';

export const PG_POOL = Symbol('PG_POOL');
export const REDIS = Symbol('REDIS');

type Status = 'up' | 'down';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) => {
      setTimeout(() => {
        reject(new Error('timeout'));
      }, ms).unref();
    }),
  ]);

@Controller('health')
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  async check(@Res() res: Response): Promise<void> {
    const [database, redis] = await Promise.all([
      this.probe(() => this.pool.query('select 1')),
      this.probe(() => this.redis.ping()),
    ]);
    const ok = database === 'up' && redis === 'up';
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'error', details: { database: { status: database }, redis: { status: redis } } });
  }

  private async probe(fn: () => Promise<unknown>): Promise<Status> {
    try {
      await withTimeout(fn(), 2000);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
