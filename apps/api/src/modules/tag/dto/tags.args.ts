import { ArgsType, Field } from '@nestjs/graphql';
import type { Filter, SortField } from '@ptc-org/nestjs-query-core';
import { PagingStrategies, QueryArgsType } from '@ptc-org/nestjs-query-graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { CursorPaging } from '../../../common/pagination';
import { TagType } from './tag.type';

// nestjs-query builds `TagFilter` and `TagSort`; paging and connections are ours (ADR 007).
const Generated = QueryArgsType(TagType, { pagingStrategy: PagingStrategies.NONE });
export const TagFilter = Generated.FilterType;
export const TagSort = Generated.SortType;

/** `tags(filter: TagFilter = {}, paging: CursorPaging = { first: 20 }, sorting: [TagSort!] = [])` */
@ArgsType()
export class TagsArgs {
  @Field(() => TagFilter, { nullable: true, defaultValue: {} })
  @IsOptional()
  @ValidateNested()
  @Type(() => TagFilter)
  filter?: Filter<TagType> | null;

  @Field(() => CursorPaging, { nullable: true, defaultValue: { first: 20 } })
  @IsOptional()
  @ValidateNested()
  @Type(() => CursorPaging)
  paging?: CursorPaging | null;

  @Field(() => [TagSort], { nullable: true, defaultValue: [] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TagSort)
  sorting?: SortField<TagType>[] | null;
}
