export * from './flow.types';
export * from './pair-flow.metrics';
export * from './flow-net.aggregator';
export * from './flow-row-key.formatter';
export * from './flow-artifact.builder';
export * from './flow-window.selector';
