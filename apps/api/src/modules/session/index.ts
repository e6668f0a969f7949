export * from './session.module';
export * from './session.service';
export * from './token.service';
export * from './entities/session.entity';
export * from './entities/refresh-token.entity';
