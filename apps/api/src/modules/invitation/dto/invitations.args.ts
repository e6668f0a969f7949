import { ArgsType, Field } from '@nestjs/graphql';
import type { Filter, SortField } from '@ptc-org/nestjs-query-core';
import { PagingStrategies, QueryArgsType } from '@ptc-org/nestjs-query-graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { CursorPaging } from '../../../common/pagination';
import { InvitationType } from './invitation.type';

// nestjs-query builds `InvitationFilter` and `InvitationSort` from the @FilterableField()s; its paging
// and connection types are not used (ADR 007: the contract's String cursors).
const Generated = QueryArgsType(InvitationType, { pagingStrategy: PagingStrategies.NONE });
export const InvitationFilter = Generated.FilterType;
export const InvitationSort = Generated.SortType;

/** `invitations(filter: InvitationFilter = {}, paging: CursorPaging = { first: 20 }, sorting: [InvitationSort!] = [])` */
@ArgsType()
export class InvitationsArgs {
  @Field(() => InvitationFilter, { nullable: true, defaultValue: {} })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvitationFilter)
  filter?: Filter<InvitationType> | null;

  @Field(() => CursorPaging, { nullable: true, defaultValue: { first: 20 } })
  @IsOptional()
  @ValidateNested()
  @Type(() => CursorPaging)
  paging?: CursorPaging | null;

  @Field(() => [InvitationSort], { nullable: true, defaultValue: [] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => InvitationSort)
  sorting?: SortField<InvitationType>[] | null;
}
