import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_ENV } from '../config/config.module';
import type { Env } from '../config/env.schema';

export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** One shared ioredis client (health, sessions, rate limits); queues use their own. */
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_ENV],
      useFactory: (env: Env) => {
        const redis = new Redis(env.REDIS_URL, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          lazyConnect: false,
          // A silent Redis (a partition holding the bytes) fails each command in bounded time instead of hanging
          // every request behind it; the callers decide what a failure means (fail open, or a clear error).
          commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS,
          connectTimeout: 2000,
        });
        // Connection errors surface through the commands that fail (and /health).
        redis.on('error', () => undefined);
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
