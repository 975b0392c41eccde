// Public API of @options-helper/portal/feature-flow: the Flow page (/flow).
export * from './lib/flow-page.component';
export * from './lib/flow-partitions';
