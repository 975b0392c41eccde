export * from './ledger.types';
export * from './health-verdict';
export * from './event-session';
