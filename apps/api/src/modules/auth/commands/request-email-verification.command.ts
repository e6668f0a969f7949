import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import type { AuthContext } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class RequestEmailVerificationCommand extends Command<boolean> {
  constructor(readonly auth: AuthContext) {
    super();
  }
}

@CommandHandler(RequestEmailVerificationCommand)
export class RequestEmailVerificationHandler implements ICommandHandler<RequestEmailVerificationCommand, boolean> {
  constructor(private readonly service: AuthService) {}

  execute(command: RequestEmailVerificationCommand): Promise<boolean> {
    return this.service.requestEmailVerification(command.auth);
  }
}
