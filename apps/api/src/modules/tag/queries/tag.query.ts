import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TenantStatements } from '@app/database';
import type { TagType } from '../dto/tag.type';
import { TagService } from '../tag.service';

export class TagQuery extends Query<TagType> {
  constructor(
    /** The request's read unit of work (its tenant's rows). */
    readonly work: TenantStatements,
    readonly id: string,
  ) {
    super();
  }
}

@QueryHandler(TagQuery)
export class TagHandler implements IQueryHandler<TagQuery, TagType> {
  constructor(private readonly service: TagService) {}

  execute(query: TagQuery): Promise<TagType> {
    return this.service.findOne(query.work, query.id);
  }
}
