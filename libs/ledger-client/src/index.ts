export * from './ledger-port';
export * from './http/http-ledger.adapter';
export * from './embedded/embedded-ledger.adapter';
export * from './ledger-connect';
