export * from './canonical-json';
export * from './json-value';
