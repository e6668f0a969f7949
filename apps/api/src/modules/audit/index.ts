import { featureModule } from '../../common/feature-module';
import { AuditModule } from './audit.module';
import { AuditLogEntity } from './audit-log.entity';
import { AddAuditLogs1795520090699 } from './migrations/1795520090699-AddAuditLogs';

export * from './audit';
export * from './audit-log.entity';
export * from './audit.module';

/** The module's manifest: listed once in `modules/index.ts`. */
export const auditFeature = featureModule({
  name: 'audit',
  module: AuditModule,
  entities: [AuditLogEntity],
  migrations: [AddAuditLogs1795520090699],
});
