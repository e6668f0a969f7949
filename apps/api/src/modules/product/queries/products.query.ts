import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TenantStatements } from '@app/database';
import type { Page } from '../../../common/pagination';
import type { ProductType } from '../dto/product.type';
import type { ProductsArgs } from '../dto/products.args';
import { ProductService, type ListOptions } from '../product.service';

export class ProductsQuery extends Query<Page<ProductType>> {
  constructor(
    /** The request's read unit of work (its tenant's rows). */
    readonly work: TenantStatements,
    readonly args: ProductsArgs,
    /** What the client selects that the page's statement reads too (totalCount, the owners). */
    readonly reads: ListOptions = {},
  ) {
    super();
  }
}

@QueryHandler(ProductsQuery)
export class ProductsHandler implements IQueryHandler<ProductsQuery, Page<ProductType>> {
  constructor(private readonly service: ProductService) {}

  execute(query: ProductsQuery): Promise<Page<ProductType>> {
    return this.service.list(query.work, query.args, query.reads);
  }
}
