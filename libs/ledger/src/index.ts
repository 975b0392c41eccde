export * from './ledger';
export * from './ledger.errors';
export { DuckDbDatabase } from './duckdb/duckdb-database';
export { parseInstant, toSqlTimestamp } from './duckdb/sql-values';
export { emptyHealthReport, META_TABLES } from './health/health.repository';
export { MARKET_TABLE_NAMES } from './tables/market-tables';
export { loadMigrationFiles, defaultMigrationsDir } from './migrations/migration-files';
export type { MigrationOutcome } from './migrations/migration-runner';
export * from './read-only';
