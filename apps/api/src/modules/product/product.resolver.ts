import { Args, ID, Info, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Work } from '@app/database';
import { CurrentAuth, CurrentTenant, CurrentWork, type AuthContext } from '../../common/auth.decorators';
import { ParseUUIDPipe } from '../../common/parse-uuid.pipe';
import { pageReads, selectsField, type Page } from '../../common/pagination';
import { CreateProductCommand } from './commands/create-product.command';
import { DeleteProductCommand } from './commands/delete-product.command';
import { UpdateProductCommand } from './commands/update-product.command';
import { CreateProductInput, UpdateProductInput } from './dto/product.inputs';
import { ProductConnection, ProductType } from './dto/product.type';
import { ProductsArgs } from './dto/products.args';
import { ProductEvents, type ProductChangedEvent } from './product.events';
import type { RequestWithAuth } from '../../common/auth.decorators';
import { ProductQuery } from './queries/product.query';
import { ProductsQuery } from './queries/products.query';

/** Routes only; `owner` and `tags` are lazy fields of ProductType over page-wide DataLoaders. */
@Resolver(() => ProductType)
export class ProductResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly events: ProductEvents,
  ) {}

  @Query(() => ProductConnection, { description: 'Newest first unless sorted otherwise.' })
  products(
    @CurrentWork() work: Work,
    @Args() args: ProductsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<ProductType>> {
    const reads = { ...pageReads(info), owner: selectsField(info, ['edges', 'node', 'owner']) };
    return this.queries.execute(new ProductsQuery(work, args, reads));
  }

  @Query(() => ProductType)
  product(@CurrentWork() work: Work, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string): Promise<ProductType> {
    return this.queries.execute(new ProductQuery(work, id));
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
    // Nest calls it with the resolver as `this`.
    resolve(this: ProductResolver, event: ProductChangedEvent): ProductType {
      return this.events.toProduct(event);
    },
  })
  productChanged(@CurrentTenant() _tenantId: string): AsyncIterator<ProductChangedEvent> {
    return this.events.subscribe();
  }
}
