import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TenantStatements } from '@app/database';
import type { Page, PageOptions } from '../../../common/pagination';
import type { TagType } from '../dto/tag.type';
import type { TagsArgs } from '../dto/tags.args';
import { TagService } from '../tag.service';

export class TagsQuery extends Query<Page<TagType>> {
  constructor(
    /** The request's read unit of work (its tenant's rows). */
    readonly work: TenantStatements,
    readonly args: TagsArgs,
    /** What the page's statement reads too (pageReads: the COUNT when totalCount is selected). */
    readonly reads: PageOptions = {},
  ) {
    super();
  }
}

@QueryHandler(TagsQuery)
export class TagsHandler implements IQueryHandler<TagsQuery, Page<TagType>> {
  constructor(private readonly service: TagService) {}

  execute(query: TagsQuery): Promise<Page<TagType>> {
    return this.service.list(query.work, query.args, query.reads);
  }
}
