import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import type { AuthContext } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class LogoutCommand extends Command<boolean> {
  constructor(readonly auth: AuthContext) {
    super();
  }
}

@CommandHandler(LogoutCommand)
export class LogoutHandler implements ICommandHandler<LogoutCommand, boolean> {
  constructor(private readonly service: AuthService) {}

  execute(command: LogoutCommand): Promise<boolean> {
    return this.service.logout(command.auth);
  }
}
