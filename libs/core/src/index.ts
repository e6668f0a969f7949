export * from './config/env.schema';
export * from './config/load-env';
export * from './lifecycle/graceful-shutdown';
