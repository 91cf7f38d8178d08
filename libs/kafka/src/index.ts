export * from './avro-serde';
export * from './kafka-client';
export * from './kafka-publisher';
export * from './topics';
export * from './message-consumer';
export * from './pipeline-metrics';
export * from './committed-offsets';
export * from './registry-http';
