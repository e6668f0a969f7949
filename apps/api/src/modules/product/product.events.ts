import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { InjectEnv, type Env } from '@app/core';
import { Database } from '@app/database';
import { InjectPubSub, eventChannel } from '@app/platform';
import { ProductType } from './dto/product.type';
import { productLoaders } from './product.loader';

export const PRODUCT_CHANGED = 'productChanged';

/** What travels through Redis: the product as JSON, and whose it is (the subscription filters on it). */
export interface ProductChangedEvent {
  tenantId: string;
  product: Pick<ProductType, 'id' | 'name' | 'price' | 'status' | 'ownerId'> & { createdAt: string; updatedAt: string };
}

/**
 * Publishes product changes to subscribers on every API instance, after the
 * change committed. Real time is best effort: a publish that fails is logged,
 * the mutation still succeeds (the data is in PostgreSQL).
 */
@Injectable()
export class ProductEvents {
  private readonly channel: string;

  constructor(
    @InjectPubSub() private readonly pubSub: RedisPubSub,
    @InjectEnv() env: Env,
    @InjectPinoLogger(ProductEvents.name) private readonly logger: PinoLogger,
    private readonly database: Database,
  ) {
    this.channel = eventChannel(env, PRODUCT_CHANGED);
  }

  async changed(tenantId: string, product: ProductType): Promise<void> {
    const event: ProductChangedEvent = {
      tenantId,
      product: {
        id: product.id,
        name: product.name,
        price: product.price,
        status: product.status,
        ownerId: product.ownerId,
        createdAt: product.createdAt.toISOString(),
        updatedAt: product.updatedAt.toISOString(),
      },
    };
    await this.pubSub.publish(this.channel, event).catch((err: unknown) => {
      this.logger.warn({ err, productId: product.id }, 'productChanged not published');
    });
  }

  subscribe(): AsyncIterator<ProductChangedEvent> {
    return this.pubSub.asyncIterator<ProductChangedEvent>(this.channel);
  }

  /** The event as the GraphQL `Product` (dates revived, its own loaders under the event's tenant). */
  toProduct(event: ProductChangedEvent): ProductType {
    return ProductType.from(
      {
        ...event.product,
        createdAt: new Date(event.product.createdAt),
        updatedAt: new Date(event.product.updatedAt),
      },
      productLoaders(this.database.read({ tenantId: event.tenantId })),
    );
  }
}
