import { featureModule } from '../../common/feature-module';
import { ProductModule } from './product.module';
import { ProductEntity } from './product.entity';
import { ProductTagEntity } from './product-tag.entity';
import { AddProducts1795508816173 } from './migrations/1795508816173-AddProducts';

export * from './product.module';
export * from './product.entity';
export * from './product-tag.entity';
export * from './product.constants';

/** The module's manifest: listed once in `modules/index.ts`. */
export const productFeature = featureModule({
  name: 'product',
  module: ProductModule,
  entities: [ProductEntity, ProductTagEntity],
  migrations: [AddProducts1795508816173],
});
