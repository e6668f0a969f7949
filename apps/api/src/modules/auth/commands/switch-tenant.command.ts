import { CommandHandler, Command, type ICommandHandler } from '@nestjs/cqrs';
import type { AuthPayloadType } from '../dto/auth.types';
import type { AuthContext } from '../../../common/auth.decorators';
import { AuthService } from '../auth.service';

export class SwitchTenantCommand extends Command<AuthPayloadType> {
  constructor(
    readonly auth: AuthContext,
    readonly tenantId: string,
  ) {
    super();
  }
}

@CommandHandler(SwitchTenantCommand)
export class SwitchTenantHandler implements ICommandHandler<SwitchTenantCommand, AuthPayloadType> {
  constructor(private readonly service: AuthService) {}

  execute(command: SwitchTenantCommand): Promise<AuthPayloadType> {
    return this.service.switchTenant(command.auth, command.tenantId);
  }
}
