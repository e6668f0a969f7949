export * from './queue.constants';
export * from './job-meta';
export * from './job-context';
export * from './queue.module';
export * from './email.producer';
export * from './email.outbox';
export * from './outbox';
