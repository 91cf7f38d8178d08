export * from './fake-openai-server';
export * from './test-database';
