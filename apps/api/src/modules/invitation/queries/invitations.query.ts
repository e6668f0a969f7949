import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page, PageOptions } from '../../../common/pagination';
import type { InvitationType } from '../dto/invitation.type';
import type { InvitationsArgs } from '../dto/invitations.args';
import { InvitationAdminService } from '../invitation-admin.service';

export class InvitationsQuery extends Query<Page<InvitationType>> {
  constructor(
    readonly tenantId: string,
    readonly args: InvitationsArgs,
    /** What the page's statement reads too (pageReads: the COUNT when totalCount is selected). */
    readonly reads: PageOptions = {},
  ) {
    super();
  }
}

@QueryHandler(InvitationsQuery)
export class InvitationsHandler implements IQueryHandler<InvitationsQuery, Page<InvitationType>> {
  constructor(private readonly service: InvitationAdminService) {}

  execute(query: InvitationsQuery): Promise<Page<InvitationType>> {
    return this.service.list(query.tenantId, query.args.filter, query.args.sorting, query.args.paging, query.reads);
  }
}
