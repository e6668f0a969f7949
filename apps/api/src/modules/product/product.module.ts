import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TagModule } from '../tag';
import { CreateProductHandler } from './commands/create-product.command';
import { DeleteProductHandler } from './commands/delete-product.command';
import { UpdateProductHandler } from './commands/update-product.command';
import { ProductEvents } from './product.events';
import { PubSubModule } from '@app/platform';
import { ProductResolver } from './product.resolver';
import { ProductService } from './product.service';
import { ProductHandler } from './queries/product.query';
import { ProductsHandler } from './queries/products.query';

/** Products: the reference feature module (CQRS, list filters and sorting, keyset paging, DataLoaders). */
@Module({
  imports: [CqrsModule, TagModule, PubSubModule],
  providers: [
    ProductService,
    ProductEvents,
    ProductResolver,
    CreateProductHandler,
    UpdateProductHandler,
    DeleteProductHandler,
    ProductsHandler,
    ProductHandler,
  ],
})
export class ProductModule {}
