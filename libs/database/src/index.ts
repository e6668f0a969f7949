export * from './abstract.entity';
export * from './data-source-options';
export * from './query-logging.subscriber';
export * from './schema-check';
export * from './snake-naming.strategy';
export * from './transaction';
export * from './db-scope';
export * from './runtime-role';
