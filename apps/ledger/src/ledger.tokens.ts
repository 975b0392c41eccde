/** Injection token for the opened Ledger (libs/ledger), created before the Nest app. */
export const LEDGER = Symbol('LEDGER');
