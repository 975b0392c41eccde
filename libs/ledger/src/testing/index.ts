export * from './ledger-fixtures';
export * from './raw-appender';
