/** Injection token for the PortalReads (libs/ledger) built on the opened Ledger. */
export const PORTAL_READS = Symbol('PORTAL_READS');
