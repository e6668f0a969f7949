import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsDecimal, OptionalNotNull, trim } from '../../../common/validation';
import { PRODUCT_NAME_MAX_LENGTH, PRODUCT_PRICE_MAX, ProductStatus } from '../product.constants';

@InputType()
export class CreateProductInput {
  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(PRODUCT_NAME_MAX_LENGTH)
  name!: string;

  @Field(() => Float)
  @IsDecimal(2)
  @Min(0)
  @Max(PRODUCT_PRICE_MAX)
  price!: number;

  @Field(() => ProductStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ProductStatus)
  status?: ProductStatus;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be valid ids' })
  tagIds?: string[];
}

@InputType()
export class UpdateProductInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a valid id' })
  id!: string;

  @Field({ nullable: true })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(PRODUCT_NAME_MAX_LENGTH)
  name?: string;

  @Field(() => Float, { nullable: true })
  @OptionalNotNull()
  @IsDecimal(2)
  @Min(0)
  @Max(PRODUCT_PRICE_MAX)
  price?: number;

  @Field(() => ProductStatus, { nullable: true })
  @OptionalNotNull()
  @IsEnum(ProductStatus)
  status?: ProductStatus;

  @Field(() => [ID], { nullable: true, description: 'Replaces the product’s tags.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be valid ids' })
  tagIds?: string[];
}
