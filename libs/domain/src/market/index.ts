export * from './market-writes.types';
