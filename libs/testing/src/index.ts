export * from './fake-openai-server';
export * from './pattern-sample';
export * from './test-database';
export * from './free-port';
