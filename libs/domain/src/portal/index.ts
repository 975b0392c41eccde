export * from './portal-api.types';
export * from './derived-summary';
export * from './coverage-grid';
