import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Work } from '@app/database';
import { CurrentAuth, CurrentWork, Roles, type AuthContext } from '../../common/auth.decorators';
import { Role } from '../../common/role.enum';
import { ParseUUIDPipe } from '../../common/parse-uuid.pipe';
import { CursorPaging, pageReads, type Page } from '../../common/pagination';
import { RemoveMemberCommand } from './commands/remove-member.command';
import { UpdateMemberRoleCommand } from './commands/update-member-role.command';
import { MembershipConnection, MembershipType } from './dto/membership.type';
import { UpdateMemberRoleInput } from './dto/update-member-role.input';
import { MembersQuery } from './queries/members.query';

/** Routes only. */
@Resolver(() => MembershipType)
export class MembershipResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Query(() => MembershipConnection, { description: 'The members of the current tenant, oldest first.' })
  members(
    @CurrentWork() work: Work,
    @Args('paging', { type: () => CursorPaging, nullable: true, defaultValue: { first: 20 } })
    paging: CursorPaging | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<MembershipType>> {
    return this.queries.execute(new MembersQuery(work, paging, pageReads(info)));
  }

  @Roles(Role.OWNER)
  @Mutation(() => MembershipType, { description: 'OWNER only; the last OWNER cannot be demoted.' })
  updateMemberRole(
    @CurrentAuth() auth: AuthContext,
    @Args('input') input: UpdateMemberRoleInput,
  ): Promise<MembershipType> {
    return this.commands.execute(new UpdateMemberRoleCommand(auth, input.userId, input.role));
  }

  @Roles(Role.OWNER, Role.ADMIN)
  @Mutation(() => Boolean, { description: 'OWNER/ADMIN; the last OWNER cannot be removed.' })
  removeMember(
    @CurrentAuth() auth: AuthContext,
    @Args('userId', { type: () => ID }, ParseUUIDPipe) userId: string,
  ): Promise<boolean> {
    return this.commands.execute(new RemoveMemberCommand(auth, userId));
  }
}
