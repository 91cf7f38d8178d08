export * from './fake-openai-server';
export * from './pattern-sample';
export * from './test-database';
export * from './test-template';
export * from './free-port';
