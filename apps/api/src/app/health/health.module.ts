import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { Pool } from 'pg';
import Redis from 'ioredis';
import type { Env } from '@app/core';
import { HealthController, PG_POOL, REDIS } from './health.controller';

class Connections implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
    this.redis.disconnect();
  }
}

@Module({})
export class HealthModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        { provide: PG_POOL, useFactory: () => new Pool({ connectionString: env.DATABASE_URL, max: 2 }) },
        {
          provide: REDIS,
          useFactory: () => {
            const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
            redis.on('error', () => undefined);
            return redis;
          },
        },
        Connections,
      ],
    };
  }
}
