import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { SortDirection } from '@ptc-org/nestjs-query-core';
import { getOrCreateStringFieldComparison } from '@ptc-org/nestjs-query-graphql/src/types/query/field-comparison';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { NumberFieldComparison } from '../../../common/pagination';
import { ProductStatus } from '../product.constants';

// nestjs-query's own (the same type InvitationFilter and TagFilter use).
const StringFieldComparison = getOrCreateStringFieldComparison();

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
 * The contract's `ProductFilter`, written out because nestjs-query's number
 * comparison names its range type differently (ADR 007); it has nestjs-query's
 * filter shape, so its query builder applies it.
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
registerEnumType(ProductSortFields, { name: 'ProductSortFields' });

@InputType('ProductSort')
export class ProductSort {
  @Field(() => ProductSortFields)
  @IsEnum(ProductSortFields)
  field!: ProductSortFields;

  @Field(() => SortDirection)
  @IsEnum(SortDirection)
  direction!: SortDirection;
}
