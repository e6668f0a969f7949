import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import type { LoginInput } from '../dto/auth.inputs';
import type { AuthPayloadType } from '../dto/auth.types';
import type { ClientInfo } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class LoginCommand extends Command<AuthPayloadType> {
  constructor(
    readonly input: LoginInput,
    readonly client: ClientInfo,
  ) {
    super();
  }
}

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand, AuthPayloadType> {
  constructor(private readonly service: AuthService) {}

  execute(command: LoginCommand): Promise<AuthPayloadType> {
    return this.service.login(command.input, command.client);
  }
}
