import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableInfo } from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { quoteIdent, toNumber } from '../duckdb/sql-values';

/** Every user table of the database with its exact row count (null when counting fails). */
export async function listTables(conn: DuckDBConnection): Promise<TableInfo[]> {
  const tables = await queryRows(
    conn,
    `SELECT schema_name, table_name FROM duckdb_tables()
     WHERE database_name = current_database() AND NOT temporary ORDER BY schema_name, table_name`,
  );
  const out: TableInfo[] = [];
  for (const t of tables) {
    const schema = String(t['schema_name']);
    const name = String(t['table_name']);
    let rows: number | null = null;
    try {
      const [r] = await queryRows(conn, `SELECT count(*) AS n FROM ${quoteIdent(schema)}.${quoteIdent(name)}`);
      rows = toNumber(r?.['n']);
    } catch {
      rows = null;
    }
    out.push({ schema, name, rows });
  }
  return out;
}
