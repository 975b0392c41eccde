export * from './canonical-json';
export * from './json-value';
export * from './json-schema.validator';
