export * from './exemplar-profile';
export * from './prompt-pack.expander';
export * from './record-ids';
export * from './record-validator';
