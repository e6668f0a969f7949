import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import type { ClientInfo } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class RequestPasswordResetCommand extends Command<boolean> {
  constructor(
    readonly email: string,
    readonly client: ClientInfo,
  ) {
    super();
  }
}

@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand, boolean> {
  constructor(private readonly service: AuthService) {}

  execute(command: RequestPasswordResetCommand): Promise<boolean> {
    return this.service.requestPasswordReset(command.email, command.client);
  }
}
