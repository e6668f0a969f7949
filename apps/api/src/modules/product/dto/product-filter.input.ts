import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { NumberFieldComparison, SortInput, StringFieldComparison, type SortTerm } from '../../../common/pagination';
import { ProductStatus } from '../product.constants';

@InputType('ProductStatusFilterComparison')
export class ProductStatusFilterComparison {
  @Field(() => ProductStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ProductStatus)
  eq?: ProductStatus;

  @Field(() => ProductStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ProductStatus)
  neq?: ProductStatus;

  @Field(() => [ProductStatus], { nullable: true })
  @IsOptional()
  @IsEnum(ProductStatus, { each: true })
  in?: ProductStatus[];
}

/**
 * The contract's `ProductFilter`, in the lists' filter shape (filterCondition
 * applies it over ProductService's columns); its number comparison is the
 * contract's `NumberFieldComparison` (ADR 007).
 */
@InputType('ProductFilter')
export class ProductFilter {
  @Field(() => [ProductFilter], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProductFilter)
  and?: ProductFilter[];

  @Field(() => [ProductFilter], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProductFilter)
  or?: ProductFilter[];

  @Field(() => StringFieldComparison, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => StringFieldComparison)
  name?: Record<string, unknown>;

  @Field(() => NumberFieldComparison, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NumberFieldComparison)
  price?: NumberFieldComparison;

  @Field(() => ProductStatusFilterComparison, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductStatusFilterComparison)
  status?: ProductStatusFilterComparison;
}

export enum ProductSortFields {
  name = 'name',
  price = 'price',
  status = 'status',
  createdAt = 'createdAt',
  updatedAt = 'updatedAt',
}
export const ProductSort = SortInput('Product', ProductSortFields);
export type ProductSort = SortTerm<ProductSortFields>;
