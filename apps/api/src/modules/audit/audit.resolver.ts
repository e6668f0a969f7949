import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { QueryBus } from '@nestjs/cqrs';
import type { Work } from '@app/database';
import { CurrentWork, Roles } from '../../common/auth.decorators';
import { CursorPaging, pageReads, type Page } from '../../common/pagination';
import { Role } from '../../common/role.enum';
import { AuditLogConnection, AuditLogType } from './dto/audit-log.type';
import { AuditLogsQuery } from './queries/audit-logs.query';

/** Routes only. */
@Resolver(() => AuditLogType)
export class AuditResolver {
  constructor(private readonly queries: QueryBus) {}

  @Roles(Role.OWNER, Role.ADMIN)
  @Query(() => AuditLogConnection, { description: 'OWNER, ADMIN. The tenant’s audit trail, newest first.' })
  auditLogs(
    @CurrentWork() work: Work,
    @Args('paging', { type: () => CursorPaging, nullable: true, defaultValue: { first: 20 } })
    paging: CursorPaging | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<AuditLogType>> {
    return this.queries.execute(new AuditLogsQuery(work, paging, pageReads(info)));
  }
}
