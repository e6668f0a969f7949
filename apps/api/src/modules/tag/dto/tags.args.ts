import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import {
  CursorPaging,
  DateFieldComparison,
  FilterInput,
  SortInput,
  StringFieldComparison,
  type FilterShape,
  type SortTerm,
} from '../../../common/pagination';

/** The fields a client sorts and filters tags by (TagService maps each to its column). */
export enum TagSortFields {
  name = 'name',
  createdAt = 'createdAt',
}

export const TagFilter = FilterInput('TagFilter', { name: StringFieldComparison, createdAt: DateFieldComparison });
export const TagSort = SortInput('Tag', TagSortFields);

/** `tags(filter: TagFilter = {}, paging: CursorPaging = { first: 20 }, sorting: [TagSort!] = [])` */
@ArgsType()
export class TagsArgs {
  @Field(() => TagFilter, { nullable: true, defaultValue: {} })
  @IsOptional()
  @ValidateNested()
  @Type(() => TagFilter)
  filter?: FilterShape | null;

  @Field(() => CursorPaging, { nullable: true, defaultValue: { first: 20 } })
  @IsOptional()
  @ValidateNested()
  @Type(() => CursorPaging)
  paging?: CursorPaging | null;

  @Field(() => [TagSort], { nullable: true, defaultValue: [] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TagSort)
  sorting?: SortTerm<TagSortFields>[] | null;
}
