export * from './asset-names';
export * from './daily-graph';
