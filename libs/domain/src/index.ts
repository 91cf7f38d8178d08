export * from './exemplar-profile';
export * from './job-scoring.context';
export * from './prompt-pack.expander';
export * from './realism.checks';
export * from './record-ids';
export * from './record-scorer';
export * from './record-validator';
