export * from './tenant.entity';
export * from './tenant.service';
export * from './tenant.module';
export * from './dto/tenant.type';
