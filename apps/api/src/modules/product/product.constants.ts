import { registerEnumType } from '@nestjs/graphql';

/** The contract's `ProductStatus`. */
export enum ProductStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ProductStatus, { name: 'ProductStatus' });

export const PRODUCT_NAME_MAX_LENGTH = 255;
/** numeric(10,2) */
export const PRODUCT_PRICE_MAX = 99_999_999.99;
