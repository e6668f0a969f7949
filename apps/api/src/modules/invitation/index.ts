export * from './invitation.module';
export * from './invitation.entity';
export * from './invitation.constants';
