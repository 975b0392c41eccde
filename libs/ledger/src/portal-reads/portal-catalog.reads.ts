import type { DuckDBConnection } from '@duckdb/node-api';
import { PortalColumnInfo, PortalTableInfo } from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { quoteIdent, toNumber, toText } from '../duckdb/sql-values';
import { PortalNotFoundError } from './portal-not-found.error';

// The Data Explorer's catalog (DOMAIN.md §10). Names typed by a user are only ever compared with the catalog;
// what reaches SQL text is the catalog's own spelling, double-quoted.

export const HIDDEN_SCHEMAS = ['information_schema', 'pg_catalog'] as const;


export async function portalSchemas(conn: DuckDBConnection): Promise<string[]> {
  const rows = await queryRows(
    conn,
    `SELECT DISTINCT schema_name FROM duckdb_schemas() WHERE database_name = current_database()
       AND schema_name NOT IN (${HIDDEN_SCHEMAS.map((s) => `'${s}'`).join(', ')}) ORDER BY 1`,
  );
  return rows.map((r) => String(r['schema_name']));
}

/** The catalog's spelling of a schema, or a not-found error. */
export async function catalogSchema(conn: DuckDBConnection, schema: string): Promise<string> {
  const found = (await portalSchemas(conn)).find((s) => s === schema);
  if (!found) throw new PortalNotFoundError(`schema ${JSON.stringify(schema)} does not exist`, 'unknown_schema');
  return found;
}

async function catalogObjects(conn: DuckDBConnection, schema: string): Promise<{ name: string; kind: 'table' | 'view' }[]> {
  const rows = await queryRows(
    conn,
    `SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $1 AND NOT temporary
     UNION ALL
     SELECT view_name, 'view' FROM duckdb_views() WHERE database_name = current_database() AND schema_name = $1 AND NOT internal AND NOT temporary
     ORDER BY 1`,
    [schema],
  );
  return rows.map((r) => ({ name: String(r['name']), kind: String(r['kind']) as 'table' | 'view' }));
}

/** The catalog's spelling of (schema, table) — a table or a view — or a not-found error. */
export async function catalogTable(conn: DuckDBConnection, schema: string, table: string): Promise<{ schema: string; table: string; kind: 'table' | 'view' }> {
  const s = await catalogSchema(conn, schema);
  const found = (await catalogObjects(conn, s)).find((o) => o.name === table);
  if (!found) throw new PortalNotFoundError(`table ${JSON.stringify(`${schema}.${table}`)} does not exist`, 'unknown_table');
  return { schema: s, table: found.name, kind: found.kind };
}

export async function portalTables(conn: DuckDBConnection, schema: string): Promise<PortalTableInfo[]> {
  const s = await catalogSchema(conn, schema);
  const out: PortalTableInfo[] = [];
  for (const o of await catalogObjects(conn, s)) {
    let rows: number | null = null;
    try {
      const [r] = await queryRows(conn, `SELECT count(*) AS n FROM ${quoteIdent(s)}.${quoteIdent(o.name)}`);
      rows = toNumber(r?.['n']);
    } catch {
      rows = null;
    }
    out.push({ name: o.name, kind: o.kind, rows });
  }
  return out;
}

export async function portalColumns(conn: DuckDBConnection, schema: string, table: string): Promise<PortalColumnInfo[]> {
  const t = await catalogTable(conn, schema, table);
  const rows = await queryRows(
    conn,
    `SELECT column_name, data_type, is_nullable, column_default, ordinal_position FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [t.schema, t.table],
  );
  return rows.map((r) => ({
    column_name: String(r['column_name']),
    data_type: String(r['data_type']),
    is_nullable: String(r['is_nullable']) === 'NO' ? 'NO' : 'YES',
    column_default: toText(r['column_default']),
    ordinal_position: toNumber(r['ordinal_position']) ?? 0,
  }));
}

/** `SELECT * FROM "schema"."table" LIMIT n;` with identifiers double-quoted and `"` doubled (DOMAIN.md §10). */
export function previewSnippet(schema: string, table: string, limit: number): string {
  return `SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(table)} LIMIT ${Math.trunc(limit)};`;
}
