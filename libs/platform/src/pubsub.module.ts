import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import { APP_ENV, type Env } from '@app/core';

export const PUB_SUB = Symbol('PUB_SUB');
export const InjectPubSub = (): ParameterDecorator => Inject(PUB_SUB);

/** The Redis channel of an event (publish and subscribe both use it; RedisPubSub does not prefix publishes). */
export const eventChannel = (env: Env, event: string): string => `${env.QUEUE_PREFIX}:events:${event}`;

class PubSubCloser implements OnApplicationShutdown {
  constructor(@Inject(PUB_SUB) private readonly pubSub: RedisPubSub) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pubSub.close().catch(() => undefined);
  }
}

/**
 * GraphQL subscriptions' pub/sub over Redis: an event published by any API
 * instance reaches the subscribers of every instance. Channels live under
 * QUEUE_PREFIX, like every other key of this deployment (`eventChannel()`).
 */
@Module({
  providers: [
    {
      provide: PUB_SUB,
      inject: [APP_ENV],
      useFactory: (env: Env) => {
        const connect = (): Redis => {
          // Bounded like the shared client (REDIS_COMMAND_TIMEOUT_MS): a silent Redis never holds a mutation's publish.
          const redis = new Redis(env.REDIS_URL, {
            maxRetriesPerRequest: 1,
            enableOfflineQueue: false,
            commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS,
          });
          redis.on('error', () => undefined);
          return redis;
        };
        return new RedisPubSub({ publisher: connect(), subscriber: connect() });
      },
    },
    PubSubCloser,
  ],
  exports: [PUB_SUB],
})
export class PubSubModule {}
