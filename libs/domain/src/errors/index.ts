export * from './error-info';
export * from './sha256';
