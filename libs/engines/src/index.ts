export * from './generation-engine';
export * from './openai';
export * from './deterministic/deterministic.engine';
