import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { TagType } from '../dto/tag.type';
import { TagService } from '../tag.service';

export class DeleteTagCommand extends Command<TagType> {
  constructor(
    readonly actor: Caller,
    readonly id: string,
  ) {
    super();
  }
}

@CommandHandler(DeleteTagCommand)
export class DeleteTagHandler implements ICommandHandler<DeleteTagCommand, TagType> {
  constructor(private readonly service: TagService) {}

  execute(command: DeleteTagCommand): Promise<TagType> {
    return this.service.remove(command.actor, command.id);
  }
}
