export * from './database';
export * from './ensure-database';
export * from './migration-runner';
export * from './notification.listener';
