export * from './portfolio.types';
export * from './json-validation.errors';
export * from './portfolio.parser';
export * from './portfolio.metrics';
export * from './positions.table';
export * from './watchlists.parser';
export * from './demo-portfolio.seed';
