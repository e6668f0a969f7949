import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import type { AuthPayloadType } from '../dto/auth.types';
import { AuthService } from '../auth.service';

export class RefreshTokenCommand extends Command<AuthPayloadType> {
  constructor(readonly refreshToken: string) {
    super();
  }
}

@CommandHandler(RefreshTokenCommand)
export class RefreshTokenHandler implements ICommandHandler<RefreshTokenCommand, AuthPayloadType> {
  constructor(private readonly service: AuthService) {}

  execute(command: RefreshTokenCommand): Promise<AuthPayloadType> {
    return this.service.refresh(command.refreshToken);
  }
}
