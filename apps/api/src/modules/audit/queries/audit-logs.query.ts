import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TenantStatements } from '@app/database';
import type { CursorPaging, Page, PageOptions } from '../../../common/pagination';
import { AuditService } from '../audit.service';
import type { AuditLogType } from '../dto/audit-log.type';

export class AuditLogsQuery extends Query<Page<AuditLogType>> {
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

@QueryHandler(AuditLogsQuery)
export class AuditLogsHandler implements IQueryHandler<AuditLogsQuery, Page<AuditLogType>> {
  constructor(private readonly service: AuditService) {}

  execute(query: AuditLogsQuery): Promise<Page<AuditLogType>> {
    return this.service.list(query.work, query.paging, query.reads);
  }
}
