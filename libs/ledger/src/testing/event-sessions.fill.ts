import type { DuckDBConnection } from '@duckdb/node-api';
import { loadMigrationFiles } from '../migrations/migration-files';

/**
 * For fixtures that insert asset events with SQL instead of the ledger's write path: fills their session_date and
 * seen_at by re-running migration 006 (its column additions are no-ops, its UPDATE derives both from each event's run).
 */
export async function fillEventSessions(conn: DuckDBConnection): Promise<void> {
  const migration = loadMigrationFiles().find((m) => m.version === 6);
  if (!migration) throw new Error('migration 006 (event sessions) not found');
  await conn.run(migration.sql);
}
