export * from './iso-date';
export * from './time-zone';
