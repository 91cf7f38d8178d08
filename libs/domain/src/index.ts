export * from './record-validator';
