import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { InvitationType } from '../dto/invitation.type';
import { InvitationAdminService } from '../invitation-admin.service';

export class ResendInvitationCommand extends Command<InvitationType> {
  constructor(
    readonly actor: Caller,
    readonly id: string,
  ) {
    super();
  }
}

@CommandHandler(ResendInvitationCommand)
export class ResendInvitationHandler implements ICommandHandler<ResendInvitationCommand, InvitationType> {
  constructor(private readonly service: InvitationAdminService) {}

  execute(command: ResendInvitationCommand): Promise<InvitationType> {
    return this.service.resend(command.actor, command.id);
  }
}
