export * from './errors';
export * from './identifiers';
export * from './job';
export * from './pipeline';
export * from './record-schema';
export * from './quality';
export * from './record-rules';
export * from './record-pattern';
