export * from './role.enum';
export * from './membership.entity';
export * from './membership.service';
export * from './membership.module';
