export * from './distributor/distributor.service';
export * from './stage';
export * from './start-stage';
export * from './run-stages';
export * from './generator/engine.registry';
export * from './generator/generator.service';
