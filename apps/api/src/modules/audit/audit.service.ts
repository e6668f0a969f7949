import { Injectable } from '@nestjs/common';
import type { TenantStatements } from '@app/database';
import { tenantPage, type CursorPaging, type Page, type PageOptions, type TenantList } from '../../common/pagination';
import { AuditLogEntity } from './audit-log.entity';
import { AuditLogType } from './dto/audit-log.type';

const AUDIT_COLUMNS = `a.id, a.created_at AS "createdAt", a.action, a.actor_user_id AS "actorUserId",
  a.resource_type AS "resourceType", a.resource_id AS "resourceId", a.request_id AS "requestId", a.ip,
  a.user_agent AS "userAgent", a.details`;

/** The trail, newest first (no client sorting or filtering). */
const AUDIT_LOGS: TenantList<never> = {
  from: 'audit_logs a',
  columns: AUDIT_COLUMNS,
  tenant: 'a.tenant_id',
  fields: {},
  defaultOrder: { column: 'a.created_at', type: 'timestamptz', direction: 'DESC' },
  id: 'a.id',
};

/** Reads the caller's tenant's trail (writes go through recordAudit, in the writer's transaction). */
@Injectable()
export class AuditService {
  /** A page of the trail of `work`'s tenant. */
  list(
    work: TenantStatements,
    paging: CursorPaging | null | undefined,
    options: PageOptions = {},
  ): Promise<Page<AuditLogType>> {
    return tenantPage(
      work,
      AUDIT_LOGS,
      { paging },
      (row: Omit<AuditLogEntity, 'tenantId'>) => AuditLogType.from(row),
      options,
    );
  }
}
