import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import { AuthService } from '../auth.service';

export class VerifyEmailCommand extends Command<boolean> {
  constructor(readonly token: string) {
    super();
  }
}

@CommandHandler(VerifyEmailCommand)
export class VerifyEmailHandler implements ICommandHandler<VerifyEmailCommand, boolean> {
  constructor(private readonly service: AuthService) {}

  execute(command: VerifyEmailCommand): Promise<boolean> {
    return this.service.verifyEmail(command.token);
  }
}
