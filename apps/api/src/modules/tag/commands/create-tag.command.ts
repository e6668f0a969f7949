import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { TagType } from '../dto/tag.type';
import { TagService } from '../tag.service';

export class CreateTagCommand extends Command<TagType> {
  constructor(
    readonly actor: Caller,
    readonly name: string,
  ) {
    super();
  }
}

@CommandHandler(CreateTagCommand)
export class CreateTagHandler implements ICommandHandler<CreateTagCommand, TagType> {
  constructor(private readonly service: TagService) {}

  execute(command: CreateTagCommand): Promise<TagType> {
    return this.service.create(command.actor, command.name);
  }
}
