import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ClientInfo } from '../../../common/auth.decorators';
import type { DeclineInvitationInput } from '../dto/invitation.inputs';
import { InvitationResponseService } from '../invitation-response.service';

export class DeclineInvitationCommand extends Command<boolean> {
  constructor(
    readonly input: DeclineInvitationInput,
    readonly client: ClientInfo,
  ) {
    super();
  }
}

@CommandHandler(DeclineInvitationCommand)
export class DeclineInvitationHandler implements ICommandHandler<DeclineInvitationCommand, boolean> {
  constructor(private readonly service: InvitationResponseService) {}

  execute(command: DeclineInvitationCommand): Promise<boolean> {
    return this.service.decline(command.input, command.client);
  }
}
