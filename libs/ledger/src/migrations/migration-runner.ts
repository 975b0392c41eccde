import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../duckdb/duckdb-database';
import { toSqlTimestamp } from '../duckdb/sql-values';
import { MigrationError } from '../ledger.errors';
import { MigrationFile } from './migration-files';

export interface AppliedMigration {
  schema_version: number;
  name: string;
  checksum: string;
}

export interface MigrationOutcome {
  from: number;
  to: number;
  applied: number[];
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  schema_version INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  checksum VARCHAR NOT NULL,
  applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)`;

export async function hasMigrationsTable(conn: DuckDBConnection): Promise<boolean> {
  const rows = await queryRows(
    conn,
    `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'schema_migrations'`,
  );
  return rows.length > 0;
}

export async function appliedMigrations(conn: DuckDBConnection): Promise<AppliedMigration[]> {
  if (!(await hasMigrationsTable(conn))) return [];
  const rows = await queryRows(conn, 'SELECT schema_version, name, checksum FROM schema_migrations ORDER BY schema_version');
  return rows.map((r) => ({ schema_version: Number(r['schema_version']), name: String(r['name']), checksum: String(r['checksum']) }));
}

export async function currentSchemaVersion(conn: DuckDBConnection): Promise<number> {
  const applied = await appliedMigrations(conn);
  return applied.reduce((max, m) => Math.max(max, m.schema_version), 0);
}

/** Refuses to go on when an applied migration's file changed since it ran. */
export function verifyChecksums(applied: AppliedMigration[], files: MigrationFile[]): void {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const row of applied) {
    const file = byVersion.get(row.schema_version);
    if (file && file.checksum !== row.checksum) {
      throw new MigrationError(`migration ${String(row.schema_version).padStart(3, '0')} was modified after it was applied`);
    }
  }
}

/**
 * Applies every migration above the current version, each in its own transaction together with its
 * schema_migrations row. Must run on the writer connection with no transaction open.
 */
export async function migrate(
  conn: DuckDBConnection,
  files: MigrationFile[],
  options: { target?: number; now?: () => Date } = {},
): Promise<MigrationOutcome> {
  await conn.run(CREATE_TABLE);
  const applied = await appliedMigrations(conn);
  verifyChecksums(applied, files);
  const from = applied.reduce((max, m) => Math.max(max, m.schema_version), 0);
  const target = options.target ?? Math.max(from, ...files.map((f) => f.version));
  const done: number[] = [];
  for (const file of files) {
    if (file.version <= from || file.version > target) continue;
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(file.sql);
      await conn.run('INSERT INTO schema_migrations (schema_version, name, checksum, applied_at) VALUES ($1, $2, $3, $4::TIMESTAMP)', [
        file.version,
        file.name,
        file.checksum,
        toSqlTimestamp((options.now ?? (() => new Date()))()),
      ]);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      const message = err instanceof Error ? err.message : String(err);
      throw new MigrationError(`migration ${file.file} failed: ${message}`);
    }
    done.push(file.version);
  }
  // Checkpoint right away so schema changes never live only in the WAL: DuckDB 1.5.6 cannot replay an
  // ALTER TABLE on a table whose column defaults call functions (current_timestamp) after a crash
  // ("Failure while replaying WAL file … GetDefaultDatabase with no default database set").
  if (done.length) await conn.run('CHECKPOINT');
  return { from, to: done.at(-1) ?? from, applied: done };
}
