import { Field, Float, HideField, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/pagination';
import { ProductStatus } from '../product.constants';
import type { ProductEntity } from '../product.entity';

/** The contract's `Product`; `owner` and `tags` resolve through per-request DataLoaders (product.loader.ts). */
@ObjectType('Product')
export class ProductType {
  @Field(() => ID)
  id!: string;

  @Field({ description: '1..255 characters' })
  name!: string;

  @Field(() => Float, { description: 'numeric(10,2): >= 0, at most 2 decimals' })
  price!: number;

  @Field(() => ProductStatus)
  status!: ProductStatus;

  /** For the owner loader; not a GraphQL field. */
  @HideField()
  ownerId!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(product: ProductEntity): ProductType {
    return Object.assign(new ProductType(), {
      id: product.id,
      name: product.name,
      price: product.price,
      status: product.status,
      ownerId: product.ownerId,
      createdAt: product.createdAt,
      updatedAt: product.updatedAt,
    });
  }
}

export const ProductConnection = ConnectionType(ProductType, 'Product');
