import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TenantStatements } from '@app/database';
import type { Page, PageOptions } from '../../../common/pagination';
import type { InvitationType } from '../dto/invitation.type';
import type { InvitationsArgs } from '../dto/invitations.args';
import { InvitationAdminService } from '../invitation-admin.service';

export class InvitationsQuery extends Query<Page<InvitationType>> {
  constructor(
    /** The request's read unit of work (its tenant's rows). */
    readonly work: TenantStatements,
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
    return this.service.list(query.work, query.args, query.reads);
  }
}
