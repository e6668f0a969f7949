export * from './product.module';
export * from './product.entity';
export * from './product-tag.entity';
export * from './product.constants';
