export * from './user.entity';
export * from './user.service';
export * from './user.module';
export * from './dto/user.type';
export * from './user.columns';
