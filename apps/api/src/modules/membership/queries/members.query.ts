import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TenantStatements } from '@app/database';
import type { CursorPaging, Page, PageOptions } from '../../../common/pagination';
import type { MembershipType } from '../dto/membership.type';
import { MembershipService } from '../membership.service';

export class MembersQuery extends Query<Page<MembershipType>> {
  constructor(
    /** The request's read unit of work (its tenant's rows). */
    readonly work: TenantStatements,
    readonly paging: CursorPaging | null | undefined,
    /** What the page's statement reads too (pageReads: the COUNT when totalCount is selected). */
    readonly reads: PageOptions = {},
  ) {
    super();
  }
}

@QueryHandler(MembersQuery)
export class MembersHandler implements IQueryHandler<MembersQuery, Page<MembershipType>> {
  constructor(private readonly service: MembershipService) {}

  execute(query: MembersQuery): Promise<Page<MembershipType>> {
    return this.service.page(query.work, query.paging, query.reads);
  }
}
