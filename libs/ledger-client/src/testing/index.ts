export * from './ledger-port.contract';
export * from './ledger-process';
