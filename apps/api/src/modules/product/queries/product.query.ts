import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TenantStatements } from '@app/database';
import type { ProductType } from '../dto/product.type';
import { ProductService } from '../product.service';

export class ProductQuery extends Query<ProductType> {
  constructor(
    /** The request's read unit of work (its tenant's rows). */
    readonly work: TenantStatements,
    readonly id: string,
  ) {
    super();
  }
}

@QueryHandler(ProductQuery)
export class ProductHandler implements IQueryHandler<ProductQuery, ProductType> {
  constructor(private readonly service: ProductService) {}

  execute(query: ProductQuery): Promise<ProductType> {
    return this.service.findOne(query.work, query.id);
  }
}
