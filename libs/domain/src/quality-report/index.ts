export * from './distribution-distance';
export * from './field-quality.accumulator';
export * from './quality-report.accumulator';
export * from './quality-report.plan';
export * from './quality-report.types';
export * from './quality.html';
export * from './rejection-reasons';
export * from './sketches';
export { escapeHtml } from './svg-charts';
