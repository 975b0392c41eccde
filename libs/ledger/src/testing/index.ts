export * from './ledger-fixtures';
export * from './raw-appender';
export * from './large-ledger';
export * from './event-sessions.fill';
