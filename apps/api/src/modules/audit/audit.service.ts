import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { keysetPage, type CursorPaging, type Page, type PageOptions } from '../../common/pagination';
import { AuditLogEntity } from './audit-log.entity';
import { AuditLogType } from './dto/audit-log.type';

const AUDIT_COLUMNS = `a.id, a.created_at AS "createdAt", a.action, a.actor_user_id AS "actorUserId",
  a.resource_type AS "resourceType", a.resource_id AS "resourceId", a.request_id AS "requestId", a.ip,
  a.user_agent AS "userAgent", a.details`;

/** Reads the caller's tenant's trail (writes go through recordAudit, in the writer's transaction). */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLogEntity) private readonly logs: Repository<AuditLogEntity>) {}

  list(
    tenantId: string,
    paging: CursorPaging | null | undefined,
    options: PageOptions = {},
  ): Promise<Page<AuditLogType>> {
    return keysetPage(
      {
        db: this.logs.manager,
        from: 'audit_logs a',
        columns: AUDIT_COLUMNS,
        where: (p) => `a.tenant_id = ${p(tenantId)}`,
        keys: [
          { column: 'a.created_at', type: 'timestamptz', direction: 'DESC' },
          { column: 'a.id', type: 'uuid', direction: 'DESC' },
        ],
      },
      paging,
      (row: Omit<AuditLogEntity, 'tenantId'>) => AuditLogType.from(row),
      options,
    );
  }
}
