import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ProductType } from '../dto/product.type';
import { ProductService } from '../product.service';

export class ProductQuery extends Query<ProductType> {
  constructor(
    readonly tenantId: string,
    readonly id: string,
  ) {
    super();
  }
}

@QueryHandler(ProductQuery)
export class ProductHandler implements IQueryHandler<ProductQuery, ProductType> {
  constructor(private readonly service: ProductService) {}

  execute(query: ProductQuery): Promise<ProductType> {
    return this.service.findOne(query.tenantId, query.id);
  }
}
