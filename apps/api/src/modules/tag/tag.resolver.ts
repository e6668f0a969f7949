import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Work } from '@app/database';
import { CurrentAuth, CurrentWork, Roles, type AuthContext } from '../../common/auth.decorators';
import { ParseUUIDPipe } from '../../common/parse-uuid.pipe';
import { pageReads, type Page } from '../../common/pagination';
import { Role } from '../../common/role.enum';
import { CreateTagCommand } from './commands/create-tag.command';
import { DeleteTagCommand } from './commands/delete-tag.command';
import { UpdateTagCommand } from './commands/update-tag.command';
import { CreateTagInput, UpdateTagInput } from './dto/tag.inputs';
import { TagConnection, TagType } from './dto/tag.type';
import { TagsArgs } from './dto/tags.args';
import { TagQuery } from './queries/tag.query';
import { TagsQuery } from './queries/tags.query';

/** Routes only. */
@Resolver(() => TagType)
export class TagResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Query(() => TagConnection, { description: 'Alphabetical unless sorted otherwise.' })
  tags(@CurrentWork() work: Work, @Args() args: TagsArgs, @Info() info: GraphQLResolveInfo): Promise<Page<TagType>> {
    return this.queries.execute(new TagsQuery(work, args, pageReads(info)));
  }

  @Query(() => TagType)
  tag(@CurrentWork() work: Work, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string): Promise<TagType> {
    return this.queries.execute(new TagQuery(work, id));
  }

  @Mutation(() => TagType, { description: 'CONFLICT when the tenant has a tag of that name (any case).' })
  createTag(@CurrentAuth() auth: AuthContext, @Args('input') input: CreateTagInput): Promise<TagType> {
    return this.commands.execute(new CreateTagCommand(auth, input.name));
  }

  @Mutation(() => TagType, { description: 'CONFLICT when the tenant has another tag of that name (any case).' })
  updateTag(@CurrentAuth() auth: AuthContext, @Args('input') input: UpdateTagInput): Promise<TagType> {
    return this.commands.execute(new UpdateTagCommand(auth, input.id, input.name));
  }

  @Roles(Role.OWNER, Role.ADMIN)
  @Mutation(() => TagType, { description: 'OWNER/ADMIN. Removes the tag from every product.' })
  deleteTag(
    @CurrentAuth() auth: AuthContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<TagType> {
    return this.commands.execute(new DeleteTagCommand(auth, id));
  }
}
