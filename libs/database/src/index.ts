export * from './data-source-options';
export * from './snake-naming.strategy';
export * from './registry';
