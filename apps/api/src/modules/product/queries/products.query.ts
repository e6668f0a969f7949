import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../../common/pagination';
import type { ProductType } from '../dto/product.type';
import type { ProductsArgs } from '../dto/products.args';
import { ProductService } from '../product.service';

export class ProductsQuery extends Query<Page<ProductType>> {
  constructor(
    readonly tenantId: string,
    readonly args: ProductsArgs,
  ) {
    super();
  }
}

@QueryHandler(ProductsQuery)
export class ProductsHandler implements IQueryHandler<ProductsQuery, Page<ProductType>> {
  constructor(private readonly service: ProductService) {}

  execute(query: ProductsQuery): Promise<Page<ProductType>> {
    return this.service.list(query.tenantId, query.args.filter, query.args.sorting, query.args.paging);
  }
}
