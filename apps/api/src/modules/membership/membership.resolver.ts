import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentAuth, Roles, type AuthContext } from '../../common/auth.decorators';
import { Role } from '../../common/role.enum';
import { ParseUUIDPipe } from '../../common/parse-uuid.pipe';
import { RemoveMemberCommand } from './commands/remove-member.command';
import { UpdateMemberRoleCommand } from './commands/update-member-role.command';
import { MembershipType } from './dto/membership.type';
import { UpdateMemberRoleInput } from './dto/update-member-role.input';

/** Routes only. (The `members` connection arrives with the list machinery of the product issue.) */
@Resolver(() => MembershipType)
export class MembershipResolver {
  constructor(private readonly commands: CommandBus) {}

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
