// Names that a read-only query may not use, whatever DuckDB would do with them. Matching is by
// lower-cased name (DuckDB resolves functions case-insensitively) and ignores any schema or catalog
// qualifier, so `system.main.read_csv(...)` is refused like `read_csv(...)`.

export type FunctionRisk = 'files_or_network' | 'executes_sql' | 'side_effects' | 'secrets';

const FILES_OR_NETWORK = new Set([
  'glob',
  'sniff_csv',
  'sql_auto_complete', // suggests file and directory names from disk
  'iceberg_scan',
  'delta_scan',
  'sqlite_scan',
  'sqlite_attach',
  'postgres_scan',
  'postgres_attach',
  'mysql_scan',
  'st_read',
  'st_read_meta',
  'st_drivers',
  'load_extension',
  'install_extension',
  'force_install',
  'update_extensions',
]);

// Anything from a file, lake, foreign-database or HTTP extension, present or future.
const FILES_OR_NETWORK_PREFIXES = [
  'read_',
  'parquet_',
  'iceberg_',
  'delta_',
  'ducklake_',
  'postgres_',
  'mysql_',
  'sqlite_',
  'odbc_',
  'http',
  'azure_',
  's3_',
  'gcs_',
  'arrow_', // arrow_scan takes raw memory pointers
  'lance_',
  'vortex_',
  'excel_',
  'motherduck_',
  'md_',
  'unity_catalog_',
  'uc_',
  'st_write',
];
const FILES_OR_NETWORK_SUFFIXES = ['_scan', '_attach', '_query', '_execute', '_metadata'];
// Built-ins the patterns above would catch but that only report on the current session.
const HARMLESS = new Set(['current_query']);

const EXECUTES_SQL = new Set(['query', 'query_table', 'json_execute_serialized_sql']);
// Built-in table macros that wrap query_table(<text>), so a string argument becomes a table name
// and, through replacement scans, a file. As aggregates (histogram(x)) they are harmless.
const EXECUTES_SQL_AS_TABLE = new Set(['histogram', 'histogram_values']);

const SIDE_EFFECTS = new Set([
  'nextval',
  'setseed',
  'checkpoint',
  'force_checkpoint',
  'write_log',
  'truncate_duckdb_logs',
  'check_peg_parser',
]);
const SIDE_EFFECT_PREFIXES = ['enable_', 'disable_']; // enable_logging, enable_profiling, disable_peg_parser …

const SECRETS = new Set(['getenv', 'duckdb_secrets', 'which_secret']);

/** The risk of calling `name`, or null when a read-only query may call it. */
export function functionRisk(name: string, tablePosition: boolean): FunctionRisk | null {
  const fn = name.toLowerCase();
  if (HARMLESS.has(fn)) return null;
  if (EXECUTES_SQL.has(fn) || (tablePosition && EXECUTES_SQL_AS_TABLE.has(fn))) return 'executes_sql';
  if (SECRETS.has(fn)) return 'secrets';
  if (SIDE_EFFECTS.has(fn) || SIDE_EFFECT_PREFIXES.some((p) => fn.startsWith(p))) return 'side_effects';
  if (
    FILES_OR_NETWORK.has(fn) ||
    FILES_OR_NETWORK_PREFIXES.some((p) => fn.startsWith(p)) ||
    FILES_OR_NETWORK_SUFFIXES.some((s) => fn.endsWith(s))
  ) {
    return 'files_or_network';
  }
  return null;
}

export const FUNCTION_RISK_EXPLANATION: Record<FunctionRisk, string> = {
  files_or_network: 'it reads files or the network',
  executes_sql: 'it runs SQL text that the guard cannot inspect',
  side_effects: 'it changes database or session state',
  secrets: 'it exposes secrets or the process environment',
};

// Extensions DuckDB's replacement scans (and the extensions they autoload) turn into file reads.
const FILE_EXTENSIONS = new Set([
  'csv', 'tsv', 'tbl', 'txt', 'text', 'dat', 'log',
  'json', 'jsonl', 'ndjson', 'geojson',
  'parquet', 'pq', 'arrow', 'feather', 'ipc', 'avro', 'orc', 'lance', 'vortex',
  'xlsx', 'xls', 'xml', 'yaml', 'yml',
  'db', 'duckdb', 'ddb', 'sqlite', 'sqlite3',
  'gz', 'gzip', 'zst', 'zstd', 'bz2', 'xz', 'lz4', 'snappy', 'zip', 'tar',
]);

const PATH_CHARACTERS = /[/\\:.*?~]/;

/**
 * True when DuckDB could read a file for this table reference instead of a catalog table.
 * DuckDB joins a qualified name back together for its replacement scans, so `FROM main.csv`
 * reads the file `main.csv` when no table `csv` exists.
 */
export function looksLikeFilePath(parts: readonly string[]): boolean {
  if (parts.some((part) => PATH_CHARACTERS.test(part))) return true;
  const last = parts[parts.length - 1]?.toLowerCase() ?? '';
  return parts.length > 1 && FILE_EXTENSIONS.has(last);
}
