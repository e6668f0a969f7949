export * from './connection.type';
export * from './cursor-paging.input';
export * from './keyset';
export * from './page-info.type';
export * from './client-query';
export * from './number-comparison.input';
export * from './selection';
