import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CreateTagHandler } from './commands/create-tag.command';
import { DeleteTagHandler } from './commands/delete-tag.command';
import { UpdateTagHandler } from './commands/update-tag.command';
import { TagHandler } from './queries/tag.query';
import { TagsHandler } from './queries/tags.query';
import { TagResolver } from './tag.resolver';
import { TagService } from './tag.service';

/** Tags: a tenant's labels for products, unique per tenant whatever their case. */
@Module({
  imports: [CqrsModule],
  providers: [TagService, TagResolver, CreateTagHandler, UpdateTagHandler, DeleteTagHandler, TagsHandler, TagHandler],
  exports: [TagService],
})
export class TagModule {}
