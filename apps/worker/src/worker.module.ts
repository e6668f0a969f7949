import {
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Inject,
} from '@nestjs/common';
import Redis from 'ioredis';
import type { Env } from '@app/core';

const REDIS = Symbol('REDIS');

/** Holds the worker's Redis connection; the queues of the platform issue consume through it. */
class QueueConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.connect();
    this.logger.log('connected to Redis');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`worker stopping (${signal ?? 'shutdown'})`);
    await this.redis.quit();
  }
}

@Module({})
export class WorkerModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        {
          provide: REDIS,
          useFactory: () => new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null }),
        },
        QueueConnection,
      ],
    };
  }
}
