export * from './check-result';
