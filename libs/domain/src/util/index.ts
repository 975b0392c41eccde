export * from './sorted-search';
export * from './seeded-random';
