import { Field, Float, HideField, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/pagination';
import { TagType } from '../../tag';
import { UserType, type UserFields } from '../../user';
import type { ProductLoaders } from '../product.loader';
import { ProductStatus } from '../product.constants';
import type { ProductEntity } from '../product.entity';

/**
 * The contract's `Product`. `owner` and `tags` are getters over the
 * DataLoaders of the page (or the single answer) the product belongs to:
 * loaded only when selected, batched across the page (product.loader.ts),
 * without a framework field resolver per product. They live on the prototype
 * (not defined per instance, which made every product a slow dictionary-mode object).
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

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** The loaders of the page; not a GraphQL field, and not enumerable (not in logs or JSON). */
  @HideField()
  declare private readonly loaders: ProductLoaders;

  /** The owner when the page read it with the product (ProductService.list); not a GraphQL field, not enumerable. */
  @HideField()
  declare private readonly prefetchedOwner: UserFields | undefined;

  @Field(() => UserType, { description: 'The user who created it.' })
  get owner(): Promise<UserType> {
    return this.prefetchedOwner
      ? Promise.resolve(UserType.from(this.prefetchedOwner))
      : this.loaders.owner.load(this.ownerId);
  }

  @Field(() => [TagType])
  get tags(): Promise<TagType[]> {
    return this.loaders.tags.load(this.id);
  }

  static from(
    product: Pick<ProductEntity, 'id' | 'name' | 'price' | 'status' | 'ownerId' | 'createdAt' | 'updatedAt'>,
    loaders: ProductLoaders,
    owner?: UserFields,
  ): ProductType {
    const type = new ProductType();
    type.id = product.id;
    type.name = product.name;
    type.price = product.price;
    type.status = product.status;
    type.ownerId = product.ownerId;
    type.createdAt = product.createdAt;
    type.updatedAt = product.updatedAt;
    Object.defineProperty(type, 'loaders', { value: loaders, enumerable: false });
    Object.defineProperty(type, 'prefetchedOwner', { value: owner, enumerable: false });
    return type;
  }
}

export const ProductConnection = ConnectionType(ProductType, 'Product');
