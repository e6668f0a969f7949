import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import type { ResetPasswordInput } from '../dto/auth.inputs';
import type { ClientInfo } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class ResetPasswordCommand extends Command<boolean> {
  constructor(
    readonly input: ResetPasswordInput,
    readonly client: ClientInfo,
  ) {
    super();
  }
}

@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand, boolean> {
  constructor(private readonly service: AuthService) {}

  execute(command: ResetPasswordCommand): Promise<boolean> {
    return this.service.resetPassword(command.input, command.client);
  }
}
