import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import {
  CursorPaging,
  DateFieldComparison,
  EnumComparison,
  FilterInput,
  SortInput,
  StringFieldComparison,
  type FilterShape,
  type SortTerm,
} from '../../../common/pagination';
import { Role } from '../../../common/role.enum';
import { InvitationStatus } from '../invitation.constants';

/** The fields a client sorts and filters invitations by (InvitationAdminService maps each to its column). */
export enum InvitationSortFields {
  email = 'email',
  role = 'role',
  status = 'status',
  createdAt = 'createdAt',
  expiresAt = 'expiresAt',
}

export const InvitationFilter = FilterInput('InvitationFilter', {
  email: StringFieldComparison,
  role: EnumComparison('Role', Role),
  status: EnumComparison('InvitationStatus', InvitationStatus),
  createdAt: DateFieldComparison,
  expiresAt: DateFieldComparison,
});
export const InvitationSort = SortInput('Invitation', InvitationSortFields);

/** `invitations(filter: InvitationFilter = {}, paging: CursorPaging = { first: 20 }, sorting: [InvitationSort!] = [])` */
@ArgsType()
export class InvitationsArgs {
  @Field(() => InvitationFilter, { nullable: true, defaultValue: {} })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvitationFilter)
  filter?: FilterShape | null;

  @Field(() => CursorPaging, { nullable: true, defaultValue: { first: 20 } })
  @IsOptional()
  @ValidateNested()
  @Type(() => CursorPaging)
  paging?: CursorPaging | null;

  @Field(() => [InvitationSort], { nullable: true, defaultValue: [] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => InvitationSort)
  sorting?: SortTerm<InvitationSortFields>[] | null;
}
