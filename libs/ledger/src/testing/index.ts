export * from './ledger-fixtures';
