import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { InvitationType } from '../dto/invitation.type';
import { InvitationAdminService } from '../invitation-admin.service';

export class RevokeInvitationCommand extends Command<InvitationType> {
  constructor(
    readonly actor: Caller,
    readonly id: string,
  ) {
    super();
  }
}

@CommandHandler(RevokeInvitationCommand)
export class RevokeInvitationHandler implements ICommandHandler<RevokeInvitationCommand, InvitationType> {
  constructor(private readonly service: InvitationAdminService) {}

  execute(command: RevokeInvitationCommand): Promise<InvitationType> {
    return this.service.revoke(command.actor, command.id);
  }
}
