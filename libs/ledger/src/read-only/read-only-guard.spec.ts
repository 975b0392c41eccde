import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReadOnlyQueryError, type ReadOnlyQueryErrorReason, type ReadOnlySqlState } from './read-only-error';
import { ReadOnlyExecutor } from './read-only-executor';
import { assertReadOnlySql } from './read-only-guard';
import { createReadOnlyFixture, type ReadOnlyFixture } from './read-only.fixture';

// Every escape runs against an instance WITH external access, so only the guard stands in the way.

type Expected = [reason: ReadOnlyQueryErrorReason, sqlstate: ReadOnlySqlState, message: string];

let fx: ReadOnlyFixture;
let executor: ReadOnlyExecutor;
let baseline: unknown;

beforeAll(async () => {
  fx = await createReadOnlyFixture();
  executor = new ReadOnlyExecutor(fx.source, { defaultTimeoutMs: 10_000 });
  baseline = await fx.snapshot();
});

afterAll(() => fx.close());

async function expectRefused(sql: string, [reason, sqlstate, message]: Expected): Promise<void> {
  const error = await executor.execute(sql).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadOnlyQueryError);
  expect(error).toMatchObject({ reason, sqlstate });
  expect((error as Error).message).toContain(message);
  expect(await fx.snapshot()).toEqual(baseline);
}

const notReadOnly = (what: string): Expected => ['not_read_only', '25006', `read-only executor refused ${what}: only single read-only SELECT statements are allowed`];
const files = (fn: string): Expected => ['forbidden_function', '42501', `read-only executor refused function ${fn}: it reads files or the network`];
const runsSql = (fn: string): Expected => ['forbidden_function', '42501', `read-only executor refused function ${fn}: it runs SQL text`];
const changesState = (fn: string): Expected => ['forbidden_function', '25006', `read-only executor refused function ${fn}: it changes database or session state`];
const filePath = (table: string): Expected => ['forbidden_table', '42501', `${table}: it looks like a file path or URL`];
const multiple = (labels: string): Expected => ['multiple_statements', '42601', `statements (${labels}): only a single statement is allowed`];

describe('statements other than SELECT are refused before anything runs', () => {
  const dir = (): string => fx.dir;
  const cases: [string, () => string, Expected][] = [
    ['COPY TO a file', () => `COPY trades TO '${dir()}/out.csv'`, notReadOnly('COPY')],
    ['COPY a query TO parquet', () => `COPY (SELECT 1) TO '${dir()}/out.parquet' (FORMAT parquet)`, notReadOnly('COPY')],
    ['COPY TO outside the data directory', () => `COPY trades TO '${fx.outsidePaths.csv}'`, notReadOnly('COPY')],
    ['COPY FROM a file', () => `COPY trades FROM '${fx.csvPath}'`, notReadOnly('COPY')],
    ['ATTACH /tmp/x.duckdb', () => `ATTACH '/tmp/x.duckdb' AS x`, notReadOnly('ATTACH')],
    ['ATTACH a new file', () => `ATTACH '${fx.outsidePaths.duckdb}' AS escape`, notReadOnly('ATTACH')],
    ['ATTACH in memory', () => `ATTACH ':memory:' AS scratch`, notReadOnly('ATTACH')],
    ['DETACH', () => 'DETACH ledger', notReadOnly('DETACH')],
    ['INSTALL', () => 'INSTALL httpfs', notReadOnly('INSTALL')],
    ['FORCE INSTALL', () => 'FORCE INSTALL httpfs', notReadOnly('FORCE INSTALL')],
    ['LOAD', () => 'LOAD httpfs', notReadOnly('LOAD')],
    ['UPDATE EXTENSIONS', () => 'UPDATE EXTENSIONS', notReadOnly('UPDATE EXTENSIONS')],
    ['EXPORT DATABASE', () => `EXPORT DATABASE '${dir()}/export'`, notReadOnly('EXPORT DATABASE')],
    ['IMPORT DATABASE (whose scripts would create a table and add a trade)', () => `IMPORT DATABASE '${fx.importDir}'`, notReadOnly('IMPORT DATABASE')],
    ['PRAGMA enable_profiling', () => 'PRAGMA enable_profiling', notReadOnly('PRAGMA')],
    ['PRAGMA that DuckDB would rewrite into a SELECT', () => 'PRAGMA show_tables', notReadOnly('PRAGMA')],
    ['PRAGMA assignment', () => 'PRAGMA threads = 1', notReadOnly('PRAGMA')],
    ['SET threads', () => 'SET threads = 1', notReadOnly('SET')],
    ['SET enable_external_access', () => 'SET enable_external_access = true', notReadOnly('SET')],
    ['SET GLOBAL', () => "SET GLOBAL memory_limit = '1MB'", notReadOnly('SET')],
    ['SET VARIABLE', () => 'SET VARIABLE pwned = 1', notReadOnly('SET')],
    ['RESET', () => 'RESET threads', notReadOnly('RESET')],
    ['USE', () => 'USE system', notReadOnly('USE')],
    ['CALL', () => 'CALL checkpoint()', notReadOnly('CALL')],
    ['CREATE TABLE', () => 'CREATE TABLE pwned (x INTEGER)', notReadOnly('CREATE TABLE')],
    ['CREATE TEMP TABLE', () => 'CREATE TEMP TABLE pwned AS SELECT 1', notReadOnly('CREATE TABLE')],
    ['CREATE OR REPLACE VIEW', () => 'CREATE OR REPLACE VIEW pwned AS SELECT 1', notReadOnly('CREATE VIEW')],
    ['CREATE MACRO', () => 'CREATE MACRO pwned() AS 1', notReadOnly('CREATE MACRO')],
    ['CREATE SECRET', () => "CREATE SECRET (TYPE s3, KEY_ID 'x', SECRET 'y')", notReadOnly('CREATE SECRET')],
    ['INSERT', () => "INSERT INTO accounts VALUES (3, 'mallory')", notReadOnly('INSERT')],
    ['INSERT … SELECT from a file', () => `INSERT INTO accounts SELECT * FROM read_csv('${fx.csvPath}')`, notReadOnly('INSERT')],
    ['UPDATE', () => 'UPDATE trades SET qty = 0', notReadOnly('UPDATE')],
    ['DELETE', () => 'DELETE FROM trades', notReadOnly('DELETE')],
    ['MERGE', () => 'MERGE INTO accounts USING (SELECT 1 AS id) s ON accounts.id = s.id WHEN MATCHED THEN DELETE', notReadOnly('MERGE INTO')],
    ['TRUNCATE', () => 'TRUNCATE trades', notReadOnly('TRUNCATE')],
    ['DROP TABLE', () => 'DROP TABLE trades', notReadOnly('DROP TABLE')],
    ['DROP SEQUENCE', () => 'DROP SEQUENCE trade_ids CASCADE', notReadOnly('DROP SEQUENCE')],
    ['ALTER TABLE', () => 'ALTER TABLE trades ADD COLUMN pwned INTEGER', notReadOnly('ALTER TABLE')],
    ['CHECKPOINT', () => 'CHECKPOINT', notReadOnly('CHECKPOINT')],
    ['FORCE CHECKPOINT', () => 'FORCE CHECKPOINT', notReadOnly('FORCE CHECKPOINT')],
    ['BEGIN', () => 'BEGIN', notReadOnly('BEGIN')],
    ['BEGIN TRANSACTION', () => 'BEGIN TRANSACTION', notReadOnly('BEGIN')],
    ['COMMIT (would end the executor’s READ ONLY transaction)', () => 'COMMIT', notReadOnly('COMMIT')],
    ['ROLLBACK', () => 'ROLLBACK', notReadOnly('ROLLBACK')],
    ['VACUUM', () => 'VACUUM', notReadOnly('VACUUM')],
    ['ANALYZE', () => 'ANALYZE', notReadOnly('ANALYZE')],
    ['PREPARE', () => 'PREPARE p AS SELECT 1', notReadOnly('PREPARE')],
    ['EXECUTE', () => 'EXECUTE p', notReadOnly('EXECUTE')],
    ['a data-modifying WITH', () => "WITH s AS (SELECT 3 AS id) INSERT INTO accounts SELECT id, 'x' FROM s", notReadOnly('INSERT')],
    ['EXPLAIN ANALYZE of a COPY (would run it)', () => `EXPLAIN ANALYZE COPY trades TO '${dir()}/explained.csv'`, notReadOnly('EXPLAIN COPY')],
    ['EXPLAIN of a DELETE', () => 'EXPLAIN DELETE FROM trades', notReadOnly('EXPLAIN DELETE')],
    ['PIVOT that DuckDB expands into CREATE TYPE + SELECT', () => 'PIVOT trades ON symbol USING sum(qty)', notReadOnly('PIVOT')],
  ];

  it.each(cases)('%s', async (_name, sql, expected) => {
    await expectRefused(sql(), expected);
  });

  it('left no file behind anywhere it was pointed at', () => {
    for (const name of ['out.csv', 'out.parquet', 'export', 'explained.csv']) {
      expect(fs.existsSync(path.join(fx.dir, name))).toBe(false);
    }
    expect(fs.existsSync(fx.outsidePaths.duckdb)).toBe(false);
    expect(fs.existsSync(fx.outsidePaths.csv)).toBe(false);
  });
});

describe('a second statement is never smuggled through', () => {
  const cases: [string, string, Expected][] = [
    ['SELECT then DROP', 'SELECT 1; DROP TABLE trades', multiple('SELECT; DROP TABLE')],
    ['two SELECTs', 'SELECT 1; SELECT 2', multiple('SELECT; SELECT')],
    ['a block comment before the semicolon', 'SELECT 1 /* harmless; */ ; DELETE FROM trades', multiple('SELECT; DELETE')],
    ['a line comment hiding nothing', 'SELECT 1 -- the rest is a comment\n; DROP TABLE trades', multiple('SELECT; DROP TABLE')],
    ['a semicolon inside a string', "SELECT ';' AS s; UPDATE trades SET qty = 0", multiple('SELECT; UPDATE')],
    ['a dollar-quoted string', 'SELECT $$;$$ AS s; COPY trades TO \'/tmp/never.csv\'', multiple('SELECT; COPY')],
    ['EXPLAIN then DROP', 'EXPLAIN SELECT 1; DROP TABLE trades', multiple('EXPLAIN; DROP TABLE')],
    ['a write after a comment-only line', '-- report\nSELECT 1;\nINSERT INTO accounts VALUES (3, \'x\');', multiple('SELECT; INSERT')],
  ];

  it.each(cases)('%s', async (_name, sql, expected) => {
    await expectRefused(sql, expected);
  });
});

describe('functions that read files, reach the network, run SQL text or change state are refused wherever they hide', () => {
  const csv = (): string => fx.csvPath;
  const cases: [string, () => string, Expected][] = [
    ['read_csv of /etc/passwd', () => "SELECT * FROM read_csv('/etc/passwd')", files('read_csv')],
    ['read_csv_auto', () => `SELECT * FROM read_csv_auto('${csv()}')`, files('read_csv_auto')],
    ['read_text', () => "SELECT * FROM read_text('/etc/passwd')", files('read_text')],
    ['read_blob', () => "SELECT * FROM read_blob('/etc/passwd')", files('read_blob')],
    ['glob', () => "SELECT * FROM glob('/*')", files('glob')],
    ['sniff_csv', () => `SELECT * FROM sniff_csv('${csv()}')`, files('sniff_csv')],
    ['read_parquet', () => `SELECT * FROM read_parquet('${csv()}')`, files('read_parquet')],
    ['parquet_metadata', () => `SELECT * FROM parquet_metadata('${csv()}')`, files('parquet_metadata')],
    ['read_json', () => `SELECT * FROM read_json('${csv()}')`, files('read_json')],
    ['read_ndjson_objects', () => `SELECT * FROM read_ndjson_objects('${csv()}')`, files('read_ndjson_objects')],
    ['read_duckdb', () => `SELECT * FROM read_duckdb('${fx.dir}/ledger.duckdb', table_name := 'trades')`, files('read_duckdb')],
    ['sql_auto_complete (lists directories)', () => "SELECT * FROM sql_auto_complete('SELECT * FROM ''/')", files('sql_auto_complete')],
    ['iceberg_scan (not loaded: refused by name, never autoloaded)', () => "SELECT * FROM iceberg_scan('s3://bucket/t')", files('iceberg_scan')],
    ['postgres_scan', () => "SELECT * FROM postgres_scan('host=example.com', 'public', 't')", files('postgres_scan')],
    ['a future *_scan', () => "SELECT * FROM lakehouse_scan('x')", files('lakehouse_scan')],
    ['read_csv spelled in capitals and quoted', () => `SELECT * FROM "READ_CSV"('${csv()}')`, files('read_csv')],
    ['read_csv qualified with system.main', () => `SELECT * FROM system.main.read_csv('${csv()}')`, files('read_csv')],
    ['read_text as a scalar subquery', () => "SELECT (SELECT content FROM read_text('/etc/passwd')) AS c", files('read_text')],
    ['read_text in a CTE', () => "WITH x AS (SELECT * FROM read_text('/etc/passwd')) SELECT * FROM x", files('read_text')],
    ['glob in a nested subquery', () => "SELECT * FROM trades WHERE symbol IN (SELECT file FROM (SELECT * FROM glob('/*')))", files('glob')],
    ['glob in EXISTS', () => "SELECT * FROM trades WHERE EXISTS (SELECT 1 FROM glob('/*'))", files('glob')],
    ['read_csv behind UNION ALL', () => `SELECT symbol FROM trades UNION ALL SELECT a::VARCHAR FROM read_csv('${csv()}')`, files('read_csv')],
    ['read_csv behind INTERSECT in a derived table', () => `SELECT * FROM (SELECT 1 INTERSECT SELECT a FROM read_csv('${csv()}')) AS t`, files('read_csv')],
    ['read_text in a LATERAL join', () => 'SELECT * FROM trades t, LATERAL (SELECT * FROM read_text(t.symbol))', files('read_text')],
    ['read_csv in a JOIN', () => `SELECT * FROM trades JOIN read_csv('${csv()}') AS f ON f.a = trades.id`, files('read_csv')],
    ['read_csv under PIVOT', () => `PIVOT (SELECT * FROM read_csv('${csv()}')) ON a IN (1) USING count(*)`, files('read_csv')],
    ['read_csv under DESCRIBE', () => `DESCRIBE SELECT * FROM read_csv('${csv()}')`, files('read_csv')],
    ['read_csv under SUMMARIZE', () => `SUMMARIZE SELECT * FROM read_csv('${csv()}')`, files('read_csv')],
    ['read_csv under EXPLAIN ANALYZE', () => `EXPLAIN ANALYZE SELECT * FROM read_csv('${csv()}')`, files('read_csv')],
    ['query()', () => "SELECT * FROM query('SELECT 1')", runsSql('query')],
    ['query() in a recursive CTE', () => "WITH RECURSIVE r AS (SELECT 1 AS n UNION SELECT * FROM query('SELECT 2')) SELECT * FROM r", runsSql('query')],
    ['query_table (reads files through replacement scans)', () => `SELECT * FROM query_table(['${csv()}'])`, runsSql('query_table')],
    ['the histogram table macro (wraps query_table)', () => `SELECT * FROM histogram('${csv()}', a)`, runsSql('histogram')],
    ['json_execute_serialized_sql', () => "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))", runsSql('json_execute_serialized_sql')],
    ['nextval', () => "SELECT nextval('trade_ids')", changesState('nextval')],
    ['nextval nested in arguments', () => "SELECT upper(lower(CAST(nextval('trade_ids') AS VARCHAR)))", changesState('nextval')],
    ['nextval in a lambda', () => "SELECT list_transform([1, 2], x -> x + nextval('trade_ids'))", changesState('nextval')],
    ['nextval in a struct literal', () => "SELECT {'id': nextval('trade_ids')}", changesState('nextval')],
    ['nextval in an aggregate FILTER', () => "SELECT count(*) FILTER (WHERE nextval('trade_ids') > 0) FROM trades", changesState('nextval')],
    ['nextval in ORDER BY', () => "SELECT * FROM trades ORDER BY nextval('trade_ids')", changesState('nextval')],
    ['setseed in a window PARTITION BY', () => 'SELECT row_number() OVER (PARTITION BY setseed(0.5)) FROM trades', changesState('setseed')],
    ['checkpoint() as a table function', () => 'SELECT * FROM checkpoint()', changesState('checkpoint')],
    ['enable_logging()', () => 'SELECT * FROM enable_logging()', changesState('enable_logging')],
    ['enable_profiling()', () => 'SELECT * FROM enable_profiling()', changesState('enable_profiling')],
    ['getenv', () => "SELECT getenv('HOME')", ['forbidden_function', '42501', 'function getenv: it exposes secrets or the process environment']],
    ['duckdb_secrets', () => 'SELECT * FROM duckdb_secrets(redact := false)', ['forbidden_function', '42501', 'function duckdb_secrets: it exposes secrets']],
  ];

  it.each(cases)('%s', async (_name, sql, expected) => {
    await expectRefused(sql(), expected);
  });
});

describe('table names that DuckDB would turn into file reads are refused', () => {
  const cases: [string, () => string, Expected][] = [
    ["FROM '/etc/passwd'", () => "SELECT * FROM '/etc/passwd'", filePath('/etc/passwd')],
    ["FROM 'x.csv'", () => "FROM 'x.csv'", filePath('x.csv')],
    ['an existing CSV by absolute path', () => `SELECT * FROM '${fx.csvPath}'`, filePath('/seed.csv')],
    ['a double-quoted file name', () => 'SELECT * FROM "seed.csv"', filePath('seed.csv')],
    ['schema.table spelling a file name (main.csv)', () => 'SELECT * FROM main.csv', filePath('main.csv')],
    ['a URL', () => "SELECT * FROM 'https://example.com/data.parquet'", filePath('https://example.com/data.parquet')],
    ['an S3 URL', () => "SELECT * FROM 's3://bucket/data.parquet'", filePath('s3://bucket/data.parquet')],
    ['a glob pattern', () => "SELECT * FROM '*.json'", filePath('*.json')],
    ['a file joined to a table', () => "SELECT * FROM trades JOIN 'other.parquet' USING (id)", filePath('other.parquet')],
    ['a file in a subquery', () => "SELECT * FROM trades WHERE id IN (SELECT a FROM 'x.csv')", filePath('x.csv')],
    ['DESCRIBE of a file', () => `DESCRIBE '${fx.csvPath}'`, filePath('/seed.csv')],
    ['SUMMARIZE of a file', () => "SUMMARIZE '/etc/passwd'", filePath('/etc/passwd')],
    ['another catalog', () => 'SELECT * FROM escape.main.trades', ['forbidden_table', '42501', 'table escape.main.trades: only the main database and the system and temp catalogs may be read']],
    ['an unknown qualifier', () => 'SELECT * FROM escape.trades', ['forbidden_table', '42501', 'table escape.trades: only the main database']],
  ];

  it.each(cases)('%s', async (_name, sql, expected) => {
    await expectRefused(sql(), expected);
  });
});

describe('names that would make DuckDB install an extension are refused', () => {
  it.each([
    ['a function from an extension that is not loaded', "SELECT * FROM tpch_queries()", ['unknown_function', '42883', 'function tpch_queries: no such function is loaded'] as Expected],
    ['a spatial function', 'SELECT st_point(1, 2)', ['unknown_function', '42883', 'function st_point'] as Expected],
    ['a type from an extension that is not loaded', "SELECT '10.0.0.1'::INET", ['unknown_type', '42704', 'type inet: no such type is loaded'] as Expected],
    ['such a type nested in a STRUCT cast', "SELECT CAST(NULL AS STRUCT(a INET[]))", ['unknown_type', '42704', 'type inet'] as Expected],
  ])('%s', async (_name, sql, expected) => {
    await expectRefused(sql, expected);
  });
});

describe('SQL DuckDB cannot parse, or nothing at all', () => {
  it.each([
    ['a write inside a CTE (DuckDB does not parse data-modifying CTEs)', "WITH x AS (INSERT INTO accounts VALUES (3, 'x') RETURNING *) SELECT * FROM x"],
    ['a write inside a subquery', 'SELECT * FROM (DELETE FROM trades RETURNING *)'],
    ['SELECT … INTO', 'SELECT * INTO pwned FROM trades'],
    ['a truncated statement', 'SELECT 1 FROM'],
  ])('%s', async (_name, sql) => {
    await expectRefused(sql, ['syntax_error', '42601', 'Parser Error']);
  });

  it('reports where the syntax error is', async () => {
    await expect(executor.execute('SELECT 1 FROM')).rejects.toMatchObject({ reason: 'syntax_error', position: 13 });
  });

  it.each([[''], ['   \n'], [';'], [';;'], ['-- only a comment'], ['/* nothing */ ;']])('empty: %j', async (sql) => {
    await expectRefused(sql, ['empty', '42601', 'read-only executor refused an empty query']);
  });
});

describe('assertReadOnlySql', () => {
  it('describes an accepted statement without running it', async () => {
    const guard = await assertReadOnlySql(
      fx.conn,
      'WITH t AS (SELECT * FROM trades WHERE qty > $1) SELECT a.name, sum(t.qty) FROM t JOIN accounts a ON a.id = t.account_id GROUP BY ALL;',
    );
    expect(guard).toEqual({
      kind: 'select',
      functions: ['sum'], // comparisons are operators, not functions, in DuckDB's AST
      tables: ['accounts', 't', 'trades'],
      parameterCount: 1,
    });
  });

  it('accepts EXPLAIN of a SELECT and says so', async () => {
    await expect(assertReadOnlySql(fx.conn, 'EXPLAIN SELECT * FROM trades')).resolves.toMatchObject({ kind: 'explain' });
  });

  it('parses a text that passed once, and still binds it on every call', async () => {
    const parses = jest.spyOn(fx.conn, 'runAndReadAll');
    const parseCount = () => parses.mock.calls.filter(([text]) => String(text).includes('json_serialize_sql')).length;
    try {
      await fx.conn.run('CREATE TEMP TABLE parsed_once AS SELECT 1 AS x');
      const sql = 'SELECT x FROM parsed_once WHERE x = $1';
      await expect(assertReadOnlySql(fx.conn, sql)).resolves.toMatchObject({ tables: ['parsed_once'], parameterCount: 1 });
      await expect(assertReadOnlySql(fx.conn, sql)).resolves.toMatchObject({ tables: ['parsed_once'], parameterCount: 1 });
      expect(parseCount()).toBe(1);
      // Remembering the text skips only the parse: the statement is bound again, against the catalog of now.
      await fx.conn.run('DROP TABLE parsed_once');
      await expect(assertReadOnlySql(fx.conn, sql)).rejects.toThrow('Table with name parsed_once does not exist');
      expect(parseCount()).toBe(1);
    } finally {
      parses.mockRestore();
      await fx.conn.run('DROP TABLE IF EXISTS parsed_once');
    }
  });

  it('parses a refused text again on every call', async () => {
    const parses = jest.spyOn(fx.conn, 'runAndReadAll');
    try {
      for (let i = 0; i < 2; i++) {
        await expect(assertReadOnlySql(fx.conn, "SELECT * FROM read_text('/etc/hostname')")).rejects.toMatchObject({ reason: 'forbidden_function' });
      }
      expect(parses.mock.calls.filter(([text]) => String(text).includes('json_serialize_sql'))).toHaveLength(2);
    } finally {
      parses.mockRestore();
    }
  });

  it('refuses the same escapes as the executor', async () => {
    await expect(assertReadOnlySql(fx.conn, "SELECT * FROM read_csv('/etc/passwd')")).rejects.toMatchObject({
      reason: 'forbidden_function',
      sqlstate: '42501',
    });
    expect(await fx.snapshot()).toEqual(baseline);
  });
});

describe('on an instance created with enable_external_access = false', () => {
  let locked: ReadOnlyFixture;
  let lockedExecutor: ReadOnlyExecutor;

  beforeAll(async () => {
    locked = await createReadOnlyFixture({ enable_external_access: 'false' });
    lockedExecutor = new ReadOnlyExecutor(locked.source);
  });

  afterAll(() => locked.close());

  it('still runs ordinary reads, including the guard’s own catalog lookups', async () => {
    const result = await lockedExecutor.execute('SELECT count(*) AS n FROM trades');
    expect(result.rows).toEqual([{ n: 3 }]);
  });

  it('refuses file access in the guard, before DuckDB’s own permission check', async () => {
    const before = await locked.snapshot();
    await expect(lockedExecutor.execute("SELECT * FROM read_csv('/etc/passwd')")).rejects.toMatchObject({
      reason: 'forbidden_function',
      sqlstate: '42501',
    });
    await expect(lockedExecutor.execute(`COPY trades TO '${locked.dir}/out.csv'`)).rejects.toMatchObject({
      reason: 'not_read_only',
    });
    expect(await locked.snapshot()).toEqual(before);
  });
});
