import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import type { SignUpInput } from '../dto/auth.inputs';
import type { AuthPayloadType } from '../dto/auth.types';
import type { ClientInfo } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class SignUpCommand extends Command<AuthPayloadType> {
  constructor(
    readonly input: SignUpInput,
    readonly client: ClientInfo,
  ) {
    super();
  }
}

@CommandHandler(SignUpCommand)
export class SignUpHandler implements ICommandHandler<SignUpCommand, AuthPayloadType> {
  constructor(private readonly service: AuthService) {}

  execute(command: SignUpCommand): Promise<AuthPayloadType> {
    return this.service.signUp(command.input, command.client);
  }
}
