import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';
import { AuditLogsHandler } from './queries/audit-logs.query';

/** The append-only audit trail: written by every module through recordAudit, read by OWNER/ADMIN. */
@Module({
  imports: [CqrsModule],
  providers: [AuditService, AuditResolver, AuditLogsHandler],
})
export class AuditModule {}
