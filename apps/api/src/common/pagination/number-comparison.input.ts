import { Field, Float, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, ValidateNested } from 'class-validator';

/** The contract's `NumberRange` (nestjs-query would name it NumberFieldComparisonBetween). */
@InputType('NumberRange')
export class NumberRange {
  @Field(() => Float)
  @IsNumber()
  lower!: number;

  @Field(() => Float)
  @IsNumber()
  upper!: number;
}

/**
 * The contract's `NumberFieldComparison`, in nestjs-query's filter shape (so
 * its query builder applies it). Use it for number filters instead of
 * @FilterableField on a number, whose generated type would clash by name.
 */
@InputType('NumberFieldComparison')
export class NumberFieldComparison {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  eq?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  neq?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  gt?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  gte?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  lt?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  lte?: number;

  @Field(() => NumberRange, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NumberRange)
  between?: NumberRange;
}
