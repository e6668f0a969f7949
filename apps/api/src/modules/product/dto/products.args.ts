import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { CursorPaging } from '../../../common/pagination';
import { ProductFilter, ProductSort } from './product-filter.input';

/** `products(filter: ProductFilter = {}, paging: CursorPaging = { first: 20 }, sorting: [ProductSort!] = [])` */
@ArgsType()
export class ProductsArgs {
  @Field(() => ProductFilter, { nullable: true, defaultValue: {} })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductFilter)
  filter?: ProductFilter | null;

  @Field(() => CursorPaging, { nullable: true, defaultValue: { first: 20 } })
  @IsOptional()
  @ValidateNested()
  @Type(() => CursorPaging)
  paging?: CursorPaging | null;

  @Field(() => [ProductSort], { nullable: true, defaultValue: [] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProductSort)
  sorting?: ProductSort[] | null;
}
