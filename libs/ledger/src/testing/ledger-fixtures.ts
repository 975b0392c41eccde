import { fillEventSessions } from './event-sessions.fill';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDbDatabase, queryRows } from '../duckdb/duckdb-database';
import { loadMigrationFiles } from '../migrations/migration-files';
import { migrate } from '../migrations/migration-runner';

// Test and benchmark helpers that need DuckDB directly (only libs/ledger may import it).

export function tempDir(prefix = 'oh-ledger-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A database file migrated only up to `version` (e.g. 2, to test upgrades), with optional SQL run after. */
export async function createDatabaseAtVersion(file: string, version: number, seedSql: string[] = []): Promise<void> {
  const db = await DuckDbDatabase.open(file);
  try {
    const conn = await db.writer();
    await migrate(conn, loadMigrationFiles(), { target: version });
    for (const sql of seedSql) await conn.run(sql);
  } finally {
    db.close();
  }
}

/** Runs SQL on a file that no ledger holds open, returning rows (tests inspect what was really stored). */
export async function inspectDatabase(file: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const db = await DuckDbDatabase.open(file, { readOnly: true });
  try {
    return await db.read((conn) => queryRows(conn, sql, params));
  } finally {
    db.close();
  }
}

/** The schema as text (tables, columns, indexes), to compare an upgraded database with a fresh one. */
export async function describeSchema(file: string): Promise<string[]> {
  const columns = await inspectDatabase(
    file,
    `SELECT schema_name || '.' || table_name || '.' || column_name || ' ' || data_type || CASE WHEN is_nullable THEN '' ELSE ' NOT NULL' END AS d
     FROM duckdb_columns() WHERE database_name = current_database() ORDER BY 1`,
  );
  const indexes = await inspectDatabase(
    file,
    `SELECT schema_name || '.' || table_name || ' ' || index_name || ' ' || coalesce(expressions, '') AS d FROM duckdb_indexes() WHERE database_name = current_database() ORDER BY 1`,
  );
  const constraints = await inspectDatabase(
    file,
    `SELECT schema_name || '.' || table_name || ' ' || constraint_type || ' ' || list_sort(constraint_column_names)::VARCHAR AS d
     FROM duckdb_constraints() WHERE database_name = current_database() ORDER BY 1`,
  );
  return [...columns, ...indexes, ...constraints].map((r) => String(r['d']));
}

export interface SeedCounts {
  runs: number;
  events: number;
  watermarks: number;
  checks: number;
}

/**
 * Fills a migrated ledger with synthetic history in bulk SQL (for the health benchmark): runs spread over
 * the last 400 days across the seven jobs with ~3% failures, events per run, watermarks, checks (~2% failing).
 */
export async function seedLedgerHistory(file: string, counts: SeedCounts, now: Date = new Date()): Promise<void> {
  const db = await DuckDbDatabase.open(file);
  try {
    const conn = await db.writer();
    await migrate(conn, loadMigrationFiles());
    const nowText = now.toISOString().replace('T', ' ').replace('Z', '');
    const jobs = `['ingest_candles','ingest_options_bars','snapshot_options','compute_flow','compute_derived','build_briefing','build_dashboard']`;
    await conn.run(`INSERT INTO meta.ingestion_runs
      SELECT 'seed-' || i, NULL, ${jobs}[1 + (i % 7)], 'schedule',
             CASE WHEN i % 33 = 0 THEN 'failed' ELSE 'success' END,
             TIMESTAMP '${nowText}' - INTERVAL (i * 400 * 86400 // ${counts.runs}) SECOND,
             TIMESTAMP '${nowText}' - INTERVAL (i * 400 * 86400 // ${counts.runs}) SECOND + INTERVAL 5 SECOND,
             5000, 'synthetic', 'duckdb', '{}', NULL, NULL,
             CASE WHEN i % 33 = 0 THEN 'ProviderError' END, CASE WHEN i % 33 = 0 THEN 'provider failed' END,
             CASE WHEN i % 33 = 0 THEN 'hash-' || (i % 5) END
      FROM range(${counts.runs}) t(i)`);
    await conn.run(`INSERT INTO meta.ingestion_run_assets
      SELECT 'seed-' || (i % ${counts.runs}), 'candles_daily', 'table', 'SYM' || (i // ${counts.runs}), 'success', 250, NULL, NULL, NULL,
             NULL, NULL, NULL, NULL, NULL, 10, NULL, NULL
      FROM range(${counts.events}) t(i)`);
    await fillEventSessions(conn);
    await conn.run(`INSERT INTO meta.asset_watermarks
      SELECT CASE WHEN i % 2 = 0 THEN 'candles_daily' ELSE 'options_snapshots' END, 'SYM' || i,
             TIMESTAMP '${nowText}' - INTERVAL (i % 20) DAY, TIMESTAMP '${nowText}', 'seed-' || i
      FROM range(${counts.watermarks}) t(i)`);
    await conn.run(`INSERT INTO meta.asset_checks
      SELECT 'chk-' || i, 'candles_daily', 'SYM' || (i % 1000), 'candles_unique_symbol_date',
             CASE WHEN i % 2 = 0 THEN 'error' ELSE 'warn' END, CASE WHEN i % 50 = 0 THEN 'fail' ELSE 'pass' END,
             TIMESTAMP '${nowText}' - INTERVAL (i * 400 * 86400 // ${counts.checks}) SECOND, '{"rows_checked":250}', NULL, 'seed-' || (i % ${counts.runs})
      FROM range(${counts.checks}) t(i)`);
    await conn.run('CHECKPOINT');
  } finally {
    db.close();
  }
}
