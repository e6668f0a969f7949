export * from './process';
export * from './database';
export * from './logs';
export * from './apps';
export * from './smtp';
export * from './tcp-proxy';
export * from './factories';
export * from './medium';
