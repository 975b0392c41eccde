export * from './ledger.types';
export * from './health-verdict';
