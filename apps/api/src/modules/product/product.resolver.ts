import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentAuth, CurrentTenant, type AuthContext } from '../../common/auth.decorators';
import { ParseUUIDPipe } from '../../common/parse-uuid.pipe';
import type { Page } from '../../common/pagination';
import { TagType } from '../tag';
import { UserType } from '../user';
import { CreateProductCommand } from './commands/create-product.command';
import { DeleteProductCommand } from './commands/delete-product.command';
import { UpdateProductCommand } from './commands/update-product.command';
import { CreateProductInput, UpdateProductInput } from './dto/product.inputs';
import { ProductConnection, ProductType } from './dto/product.type';
import { ProductsArgs } from './dto/products.args';
import { ProductLoaderFactory } from './product.loader';
import { ProductQuery } from './queries/product.query';
import { ProductsQuery } from './queries/products.query';

/** Routes only; the two relations go through per-request DataLoaders. */
@Resolver(() => ProductType)
export class ProductResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly loaders: ProductLoaderFactory,
  ) {}

  @Query(() => ProductConnection, { description: 'Newest first unless sorted otherwise.' })
  products(@CurrentTenant() tenantId: string, @Args() args: ProductsArgs): Promise<Page<ProductType>> {
    return this.queries.execute(new ProductsQuery(tenantId, args));
  }

  @Query(() => ProductType)
  product(
    @CurrentTenant() tenantId: string,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<ProductType> {
    return this.queries.execute(new ProductQuery(tenantId, id));
  }

  @Mutation(() => ProductType, { description: 'Any member; tagIds must be tags of this tenant.' })
  createProduct(@CurrentAuth() auth: AuthContext, @Args('input') input: CreateProductInput): Promise<ProductType> {
    return this.commands.execute(new CreateProductCommand(auth, input));
  }

  @Mutation(() => ProductType, { description: 'The product’s owner, or OWNER/ADMIN.' })
  updateProduct(@CurrentAuth() auth: AuthContext, @Args('input') input: UpdateProductInput): Promise<ProductType> {
    return this.commands.execute(new UpdateProductCommand(auth, input));
  }

  @Mutation(() => ProductType, { description: 'Soft delete; the product’s owner, or OWNER/ADMIN.' })
  deleteProduct(
    @CurrentAuth() auth: AuthContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<ProductType> {
    return this.commands.execute(new DeleteProductCommand(auth, id));
  }

  @ResolveField(() => UserType)
  owner(@Parent() product: ProductType, @Context('req') req: object, @CurrentTenant() tenantId: string) {
    return this.loaders.for(req, tenantId).owner.load(product.ownerId);
  }

  @ResolveField(() => [TagType])
  tags(@Parent() product: ProductType, @Context('req') req: object, @CurrentTenant() tenantId: string) {
    return this.loaders.for(req, tenantId).tags.load(product.id);
  }
}
