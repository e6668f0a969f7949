import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { MembershipType } from '../dto/membership.type';
import { MembershipAdminService } from '../membership-admin.service';
import type { Role } from '../../../common/role.enum';

export class UpdateMemberRoleCommand extends Command<MembershipType> {
  constructor(
    readonly actor: Caller,
    readonly userId: string,
    readonly role: Role,
  ) {
    super();
  }
}

@CommandHandler(UpdateMemberRoleCommand)
export class UpdateMemberRoleHandler implements ICommandHandler<UpdateMemberRoleCommand, MembershipType> {
  constructor(private readonly service: MembershipAdminService) {}

  execute(command: UpdateMemberRoleCommand): Promise<MembershipType> {
    return this.service.updateRole(command.actor, command.userId, command.role);
  }
}
