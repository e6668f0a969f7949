import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
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
import { ProductEvents, type ProductChangedEvent } from './product.events';
import type { RequestWithAuth } from '../../common/auth.decorators';
import { ProductQuery } from './queries/product.query';
import { ProductsQuery } from './queries/products.query';

/** Routes only; the two relations go through per-request DataLoaders. */
@Resolver(() => ProductType)
export class ProductResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly loaders: ProductLoaderFactory,
    private readonly events: ProductEvents,
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

  @Subscription(() => ProductType, {
    description: 'Every create, update and delete in the caller’s tenant, from any API instance.',
    filter: (event: ProductChangedEvent, _args: unknown, context: { req: RequestWithAuth }) =>
      event.tenantId === context.req.auth?.tenantId,
    resolve: (event: ProductChangedEvent) => ProductEvents.toProduct(event),
  })
  productChanged(@CurrentTenant() _tenantId: string): AsyncIterator<ProductChangedEvent> {
    return this.events.subscribe();
  }

  @ResolveField(() => UserType)
  owner(
    @Parent() product: ProductType,
    @Context('req') req: RequestWithAuth & { subscription?: boolean },
    @CurrentTenant() tenantId: string,
  ): Promise<UserType> {
    return this.loaders.for(this.batchOf(product, req), tenantId).owner.load(product.ownerId);
  }

  @ResolveField(() => [TagType])
  tags(
    @Parent() product: ProductType,
    @Context('req') req: RequestWithAuth & { subscription?: boolean },
    @CurrentTenant() tenantId: string,
  ): Promise<TagType[]> {
    return this.loaders.for(this.batchOf(product, req), tenantId).tags.load(product.id);
  }

  /** Loaders live per HTTP request; on a subscription (one long context), per event. */
  private batchOf(product: ProductType, req: object & { subscription?: boolean }): object {
    return req.subscription ? product : req;
  }
}
