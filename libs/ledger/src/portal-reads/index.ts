export { PortalReads, PORTAL_COVERAGE_DEFAULT_SESSIONS, PORTAL_COVERAGE_MAX_SESSIONS, PORTAL_PREVIEW_MAX_ROWS } from './portal-reads';
export type { PortalCoverageQuery } from './portal-reads';
export type { PortalRunsQuery } from './portal-runs.reads';
export type { FlowPartitionKey } from './portal-flow.reads';
export { PORTAL_FLOW_PARTITION_LIMIT } from './portal-flow.reads';
export { PORTAL_HISTORY_MAX_ROWS, PORTAL_CANDLE_LIMIT } from './portal-market.reads';
export { PortalNotFoundError, type PortalNotFoundReason } from './portal-not-found.error';
