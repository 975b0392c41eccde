// Public API of @options-helper/domain: pure code only (no I/O), shared by services, the CLI and the portal.
export * from './assets';
export * from './calendar';
export * from './config';
export * from './errors';
export * from './json';
export * from './osi';
export * from './time';
export * from './ledger';
export * from './market';
export * from './checks';
export * from './portfolio';
export * from './symbols';
export * from './pricing';
export * from './planner';
export * from './util';
export * from './derived';
export * from './flow';
