import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { Role } from '../../../common/role.enum';
import type { InvitationType } from '../dto/invitation.type';
import { InvitationAdminService } from '../invitation-admin.service';

export class InviteMemberCommand extends Command<InvitationType> {
  constructor(
    readonly actor: Caller,
    readonly email: string,
    readonly role: Role,
  ) {
    super();
  }
}

@CommandHandler(InviteMemberCommand)
export class InviteMemberHandler implements ICommandHandler<InviteMemberCommand, InvitationType> {
  constructor(private readonly service: InvitationAdminService) {}

  execute(command: InviteMemberCommand): Promise<InvitationType> {
    return this.service.invite(command.actor, command.email, command.role);
  }
}
