import {
  LIST,
  StatementType,
  VARCHAR,
  listValue,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBValue,
} from '@duckdb/node-api';
import { collectSqlReferences, type SqlReferences, type TableReference } from './read-only-ast';
import { FUNCTION_RISK_EXPLANATION, functionRisk, looksLikeFilePath } from './read-only-denylist';
import { fromDuckDbError, REFUSED, ReadOnlyQueryError } from './read-only-error';
import { describeStatements, explainPrefixLength } from './read-only-sql-text';

// The guard decides from DuckDB's own parser, in an order that touches nothing before it has said
// yes: json_serialize_sql only parses (no binding, no pragma expansion), so it runs first.
// extractStatements comes after the checks because it expands PRAGMAs, and IMPORT DATABASE is a
// PRAGMA that reads files from disk while being "extracted". prepare() binds, which sniffs files
// and autoloads extensions, so it comes last, on a statement already known to be safe.

export interface GuardResult {
  /** 'select' covers every SELECT form (FROM-first, VALUES, TABLE, SHOW, DESCRIBE, SUMMARIZE, PIVOT … IN). */
  kind: 'select' | 'explain';
  /** Distinct lower-cased names of the functions the statement calls. */
  functions: string[];
  /** Distinct table references as written (catalog.schema.table, CTE names included). */
  tables: string[];
  parameterCount: number;
}

export interface PreparedReadOnlyStatement {
  /** Bound by DuckDB, ready to bind parameters and run; the caller destroys it. */
  prepared: DuckDBPreparedStatement;
  guard: GuardResult;
}

interface SerializedSql {
  error: boolean;
  error_type?: string;
  error_message?: string;
  position?: string | number;
  statements?: unknown[];
}

const ONLY_SELECT = 'only single read-only SELECT statements are allowed';

// A PIVOT without an IN list is two statements to DuckDB (CREATE TYPE, then SELECT).
const HINTS: Record<string, string> = {
  PIVOT: ' (a PIVOT without an IN list creates a type first: list the values with ON column IN (...))',
};

/** The refusal for SQL that is not exactly one SELECT; `explained` is the text after an EXPLAIN prefix. */
function refuseStatements(sql: string, explained?: string): ReadOnlyQueryError {
  const labels = describeStatements(sql);
  if (labels.length >= 2) {
    // Postgres answers a multi-statement prepared query with 42601 too.
    return new ReadOnlyQueryError(
      'multiple_statements',
      '42601',
      `${REFUSED} ${labels.length} statements (${labels.join('; ')}): only a single statement is allowed, and none of them was run`,
    );
  }
  const inner = explained === undefined ? labels[0] : `EXPLAIN ${describeStatements(explained)[0] ?? ''}`.trim();
  const label = inner ?? 'statement';
  return new ReadOnlyQueryError('not_read_only', '25006', `${REFUSED} ${label}: ${ONLY_SELECT}${HINTS[label] ?? ''}`);
}

async function parseWithoutBinding(conn: DuckDBConnection, sql: string): Promise<SerializedSql> {
  const reader = await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS ast', [sql]);
  return JSON.parse(String(reader.getRows()[0][0])) as SerializedSql;
}

async function parseSingleSelect(conn: DuckDBConnection, sql: string): Promise<{ statement: unknown; explain: boolean }> {
  const prefixLength = explainPrefixLength(sql);
  const explain = prefixLength > 0;
  const parsed = await parseWithoutBinding(conn, sql.slice(prefixLength));

  if (parsed.error) {
    if (parsed.error_type === 'parser') {
      const position = parsed.position === undefined ? undefined : Number(parsed.position) + prefixLength;
      const hint = explain ? ' (EXPLAIN is accepted only as EXPLAIN [ANALYZE] followed directly by a SELECT)' : '';
      throw new ReadOnlyQueryError('syntax_error', '42601', `Parser Error: ${parsed.error_message ?? 'syntax error'}${hint}`, {
        position: Number.isFinite(position) ? position : undefined,
      });
    }
    // json_serialize_sql serialises SELECTs only, so anything else lands here (or a batch with one).
    throw refuseStatements(sql, explain ? sql.slice(prefixLength) : undefined);
  }

  const statements = parsed.statements ?? [];
  if (statements.length === 0) {
    if (explain) throw new ReadOnlyQueryError('syntax_error', '42601', 'Parser Error: EXPLAIN needs a statement');
    throw new ReadOnlyQueryError('empty', '42601', `${REFUSED} an empty query: there is no statement to run`);
  }
  if (statements.length > 1) throw refuseStatements(sql);
  return { statement: statements[0], explain };
}

/** What the text alone decides: which statement kind it is and what it refers to, the denylist passed. */
interface CheckedText {
  explain: boolean;
  refs: SqlReferences;
}

// json_serialize_sql is a statement of its own and costs about 1 ms, as much as preparing the query itself. Its verdict,
// and the name checks after it, depend on the text alone (the denylist is fixed and nothing reaches DuckDB's parser
// settings), so texts that passed are remembered, least recently used out first: a client that sends the same text
// again (psql, a Grafana panel refreshing, an unnamed extended-protocol statement) pays for parsing once. Refused texts
// are not remembered, and the catalog checks and the binding still run on every call.
const CHECKED_TEXTS_MAX = 512;
const CHECKED_TEXT_MAX_LENGTH = 16_384;
const checkedTexts = new Map<string, CheckedText>();

async function checkText(conn: DuckDBConnection, sql: string): Promise<CheckedText> {
  const known = checkedTexts.get(sql);
  if (known) {
    checkedTexts.delete(sql);
    checkedTexts.set(sql, known);
    return known;
  }
  const { statement, explain } = await parseSingleSelect(conn, sql);
  const refs = collectSqlReferences(statement);
  checkNames(refs);
  const checked = { explain, refs };
  if (sql.length <= CHECKED_TEXT_MAX_LENGTH) {
    checkedTexts.set(sql, checked);
    if (checkedTexts.size > CHECKED_TEXTS_MAX) checkedTexts.delete(checkedTexts.keys().next().value as string);
  }
  return checked;
}

function qualified(table: TableReference): string {
  return table.parts.join('.');
}

/** Checks that need no database: the denylist, file-like table names, unknown table-reference kinds. */
function checkNames(refs: SqlReferences): void {
  const [unknownKind] = refs.unknownTableRefKinds;
  if (unknownKind) {
    throw new ReadOnlyQueryError(
      'forbidden_table',
      '42501',
      `${REFUSED} a ${unknownKind} table reference: the guard does not know what it reads`,
    );
  }
  for (const fn of refs.functions) {
    const risk = functionRisk(fn.name, fn.tablePosition);
    if (risk) {
      throw new ReadOnlyQueryError(
        'forbidden_function',
        risk === 'side_effects' ? '25006' : '42501',
        `${REFUSED} function ${fn.name}: ${FUNCTION_RISK_EXPLANATION[risk]}`,
      );
    }
  }
  for (const table of refs.tables) {
    if (looksLikeFilePath(table.parts)) {
      throw new ReadOnlyQueryError(
        'forbidden_table',
        '42501',
        `${REFUSED} table ${qualified(table)}: it looks like a file path or URL, which DuckDB would read from disk or the network`,
      );
    }
  }
}

interface CatalogFacts {
  functions: Set<string>;
  types: Set<string>;
  /** The main database plus system and temp, lower-cased. */
  catalogs: Set<string>;
  /** Schemas of those catalogs, lower-cased. */
  schemas: Set<string>;
}

const CATALOG_FACTS_SQL = `
SELECT
  current_database() AS db,
  (SELECT list(DISTINCT lower(function_name)) FROM duckdb_functions() WHERE list_contains($1, lower(function_name))) AS functions,
  (SELECT list(DISTINCT lower(type_name)) FROM duckdb_types() WHERE list_contains($2, lower(type_name))) AS types,
  (SELECT list(DISTINCT lower(schema_name)) FROM duckdb_schemas()
     WHERE database_name IN (current_database(), 'system', 'temp')) AS schemas`;

function names(value: DuckDBValue): Set<string> {
  const items = value !== null && typeof value === 'object' && 'items' in value ? value.items : [];
  return new Set(items.map((item) => String(item)));
}

// Names once seen in the catalog, per connection: scanning duckdb_functions() costs ~25 ms, more than the
// query itself on a long-lived connection (the Postgres gateway). Only positive facts are kept, and they only
// decide whether a name may reach DuckDB (which, with extension autoloading off, fails on a vanished name).
const knownFacts = new WeakMap<DuckDBConnection, CatalogFacts>();

function cachedFacts(conn: DuckDBConnection, refs: SqlReferences): CatalogFacts | null {
  const facts = knownFacts.get(conn);
  if (!facts) return null;
  const qualifiers = [...refs.tables, ...refs.functions, ...refs.types].every((r) => qualifierAllowed(facts, r.catalog, r.schema));
  const complete = qualifiers && refs.functions.every((f) => facts.functions.has(f.name)) && refs.types.every((t) => facts.types.has(t.name));
  return complete ? facts : null;
}

async function loadCatalogFacts(conn: DuckDBConnection, refs: SqlReferences): Promise<CatalogFacts> {
  const cached = cachedFacts(conn, refs);
  if (cached) return cached;
  const facts = await queryCatalogFacts(conn, refs);
  const known = knownFacts.get(conn);
  if (known) {
    for (const key of ['functions', 'types', 'catalogs', 'schemas'] as const) for (const name of known[key]) facts[key].add(name);
  }
  knownFacts.set(conn, facts);
  return facts;
}

async function queryCatalogFacts(conn: DuckDBConnection, refs: SqlReferences): Promise<CatalogFacts> {
  const functionNames = [...new Set(refs.functions.map((f) => f.name))];
  const typeNames = [...new Set(refs.types.map((t) => t.name))];
  const reader = await conn.runAndReadAll(
    CATALOG_FACTS_SQL,
    [listValue(functionNames), listValue(typeNames)],
    [LIST(VARCHAR), LIST(VARCHAR)],
  );
  const [db, functions, types, schemas] = reader.getRows()[0];
  return {
    functions: names(functions),
    types: names(types),
    catalogs: new Set([String(db).toLowerCase(), 'system', 'temp']),
    schemas: names(schemas),
  };
}

/** A qualifier is fine when it names the main database, system or temp, or one of their schemas. */
function qualifierAllowed(facts: CatalogFacts, catalog: string, schema: string): boolean {
  if (catalog !== '') return facts.catalogs.has(catalog.toLowerCase());
  return schema === '' || facts.schemas.has(schema.toLowerCase()) || facts.catalogs.has(schema.toLowerCase());
}

// Unknown names are refused rather than left to DuckDB, because DuckDB answers an unknown function
// or type that some extension provides by downloading and loading that extension.
function checkCatalog(refs: SqlReferences, facts: CatalogFacts): void {
  for (const table of refs.tables) {
    if (!qualifierAllowed(facts, table.catalog, table.schema)) {
      throw new ReadOnlyQueryError(
        'forbidden_table',
        '42501',
        `${REFUSED} table ${qualified(table)}: only the main database and the system and temp catalogs may be read`,
      );
    }
  }
  for (const fn of refs.functions) {
    if (!qualifierAllowed(facts, fn.catalog, fn.schema)) {
      throw new ReadOnlyQueryError(
        'forbidden_function',
        '42501',
        `${REFUSED} function ${[fn.catalog, fn.schema, fn.name].filter((p) => p !== '').join('.')}: only the main database and the system and temp catalogs may be used`,
      );
    }
    if (!facts.functions.has(fn.name)) {
      throw new ReadOnlyQueryError(
        'unknown_function',
        '42883',
        `${REFUSED} function ${fn.name}: no such function is loaded, and read-only queries never install or load extensions`,
      );
    }
  }
  for (const type of refs.types) {
    if (!qualifierAllowed(facts, type.catalog, type.schema) || !facts.types.has(type.name)) {
      throw new ReadOnlyQueryError(
        'unknown_type',
        '42704',
        `${REFUSED} type ${type.name}: no such type is loaded, and read-only queries never install or load extensions`,
      );
    }
  }
}

async function prepareChecked(conn: DuckDBConnection, sql: string, explain: boolean): Promise<DuckDBPreparedStatement> {
  const extracted = await conn.extractStatements(sql);
  if (extracted.count !== 1) throw refuseStatements(sql);
  const prepared = await extracted.prepare(0);
  const expected = explain ? StatementType.EXPLAIN : StatementType.SELECT;
  if (prepared.statementType !== expected) {
    const actual = StatementType[prepared.statementType] ?? String(prepared.statementType);
    prepared.destroySync();
    throw new ReadOnlyQueryError('not_read_only', '25006', `${REFUSED} ${actual}: ${ONLY_SELECT}`);
  }
  return prepared;
}

/**
 * Checks `sql` and prepares it on `conn`. Throws ReadOnlyQueryError when it is anything other than
 * one SELECT (or EXPLAIN [ANALYZE] of one) that reads only the database's own tables.
 */
export async function prepareReadOnlyStatement(conn: DuckDBConnection, sql: string): Promise<PreparedReadOnlyStatement> {
  try {
    const { explain, refs } = await checkText(conn, sql);
    checkCatalog(refs, await loadCatalogFacts(conn, refs));
    const prepared = await prepareChecked(conn, sql, explain);
    return {
      prepared,
      guard: {
        kind: explain ? 'explain' : 'select',
        functions: [...new Set(refs.functions.map((f) => f.name))].sort(),
        tables: [...new Set(refs.tables.map(qualified))].sort(),
        parameterCount: prepared.parameterCount,
      },
    };
  } catch (error) {
    throw fromDuckDbError(error);
  }
}

/** Throws ReadOnlyQueryError unless `sql` is one read-only SELECT the executor would run. Runs nothing. */
export async function assertReadOnlySql(conn: DuckDBConnection, sql: string): Promise<GuardResult> {
  const { prepared, guard } = await prepareReadOnlyStatement(conn, sql);
  prepared.destroySync();
  return guard;
}
