import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { keysetPage, type CursorPaging, type Page } from '../../common/pagination';
import { AuditLogEntity } from './audit-log.entity';
import { AuditLogType } from './dto/audit-log.type';

/** Reads the caller's tenant's trail (writes go through recordAudit, in the writer's transaction). */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLogEntity) private readonly logs: Repository<AuditLogEntity>) {}

  list(tenantId: string, paging: CursorPaging | null | undefined): Promise<Page<AuditLogType>> {
    const query = this.logs.createQueryBuilder('a').where('a.tenant_id = :tenantId', { tenantId });
    return keysetPage(
      query,
      [
        { column: 'a.created_at', type: 'timestamptz', direction: 'DESC' },
        { column: 'a.id', type: 'uuid', direction: 'DESC' },
      ],
      paging,
      (row) => AuditLogType.from(row),
    );
  }
}
