import { Field, Float, HideField, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/pagination';
import { TagType } from '../../tag';
import { UserType } from '../../user';
import type { ProductLoaders } from '../product.loader';
import { ProductStatus } from '../product.constants';
import type { ProductEntity } from '../product.entity';

/**
 * The contract's `Product`. `owner` and `tags` are lazy getters over the
 * DataLoaders of the page (or the single answer) the product belongs to:
 * loaded only when selected, batched across the page (product.loader.ts),
 * without a framework field resolver per product.
 */
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

  @Field(() => UserType, { description: 'The user who created it.' })
  owner!: UserType | Promise<UserType>;

  @Field(() => [TagType])
  tags!: TagType[] | Promise<TagType[]>;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(
    product: Pick<ProductEntity, 'id' | 'name' | 'price' | 'status' | 'ownerId' | 'createdAt' | 'updatedAt'>,
    loaders: ProductLoaders,
  ): ProductType {
    const type = Object.assign(new ProductType(), {
      id: product.id,
      name: product.name,
      price: product.price,
      status: product.status,
      ownerId: product.ownerId,
      createdAt: product.createdAt,
      updatedAt: product.updatedAt,
    });
    Object.defineProperties(type, {
      owner: { get: () => loaders.owner.load(type.ownerId), enumerable: false },
      tags: { get: () => loaders.tags.load(type.id), enumerable: false },
    });
    return type;
  }
}

export const ProductConnection = ConnectionType(ProductType, 'Product');
