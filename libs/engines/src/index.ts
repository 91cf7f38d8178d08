export * from './generation-engine';
