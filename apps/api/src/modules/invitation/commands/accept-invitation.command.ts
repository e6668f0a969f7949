import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ClientInfo } from '../../../common/auth.decorators';
import type { AuthPayloadType } from '../../auth';
import type { AcceptInvitationInput } from '../dto/invitation.inputs';
import { InvitationResponseService } from '../invitation-response.service';

export class AcceptInvitationCommand extends Command<AuthPayloadType> {
  constructor(
    readonly input: AcceptInvitationInput,
    readonly client: ClientInfo,
  ) {
    super();
  }
}

@CommandHandler(AcceptInvitationCommand)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitationCommand, AuthPayloadType> {
  constructor(private readonly service: InvitationResponseService) {}

  execute(command: AcceptInvitationCommand): Promise<AuthPayloadType> {
    return this.service.accept(command.input, command.client);
  }
}
