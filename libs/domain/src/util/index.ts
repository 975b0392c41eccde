export * from './sorted-search';
