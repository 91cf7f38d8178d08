export * from './distributor/distributor.service';
export * from './stage';
export * from './nest/pipeline.module';
export * from './nest/stage.consumers';
export * from './run-stages';
export * from './generator/engine.registry';
export * from './generator/generator.service';
