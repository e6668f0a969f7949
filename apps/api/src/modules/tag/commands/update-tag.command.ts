import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { TagType } from '../dto/tag.type';
import { TagService } from '../tag.service';

export class UpdateTagCommand extends Command<TagType> {
  constructor(
    readonly actor: Caller,
    readonly id: string,
    readonly name: string,
  ) {
    super();
  }
}

@CommandHandler(UpdateTagCommand)
export class UpdateTagHandler implements ICommandHandler<UpdateTagCommand, TagType> {
  constructor(private readonly service: TagService) {}

  execute(command: UpdateTagCommand): Promise<TagType> {
    return this.service.update(command.actor, command.id, command.name);
  }
}
