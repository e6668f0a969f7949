import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../../common/pagination';
import type { ProductType } from '../dto/product.type';
import type { ProductsArgs } from '../dto/products.args';
import { ProductService } from '../product.service';

export class ProductsQuery extends Query<Page<ProductType>> {
  constructor(
    readonly tenantId: string,
    readonly args: ProductsArgs,
    /** The client selects totalCount: counted in the page's statement. */
    readonly count = false,
  ) {
    super();
  }
}

@QueryHandler(ProductsQuery)
export class ProductsHandler implements IQueryHandler<ProductsQuery, Page<ProductType>> {
  constructor(private readonly service: ProductService) {}

  execute(query: ProductsQuery): Promise<Page<ProductType>> {
    const { filter, sorting, paging } = query.args;
    return this.service.list(query.tenantId, filter, sorting, paging, { count: query.count });
  }
}
