export * from './check-result';
export * from './rules';
