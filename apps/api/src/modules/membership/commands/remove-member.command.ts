import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import { MembershipAdminService } from '../membership-admin.service';

export class RemoveMemberCommand extends Command<boolean> {
  constructor(
    readonly actor: Caller,
    readonly userId: string,
  ) {
    super();
  }
}

@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler implements ICommandHandler<RemoveMemberCommand, boolean> {
  constructor(private readonly service: MembershipAdminService) {}

  execute(command: RemoveMemberCommand): Promise<boolean> {
    return this.service.remove(command.actor, command.userId);
  }
}
