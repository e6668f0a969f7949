export * from './audit';
export * from './audit-log.entity';
export * from './audit.module';
