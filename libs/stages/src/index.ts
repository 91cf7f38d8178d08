export * from './distributor/distributor.service';
export * from './stage';
export * from './start-stage';
export * from './run-stages';
