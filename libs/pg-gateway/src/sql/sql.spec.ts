import { rewriteCatalogQuery } from './catalog-rewrite';
import { parseDurationMs, parseSessionCommand } from './session-command';
import { splitStatements } from './sql-lexer';

describe('statement splitting', () => {
  it('splits on semicolons outside strings, identifiers, comments and dollar quotes', () => {
    expect(splitStatements(`SELECT ';' AS a; SELECT "x;y" FROM t -- ; not here\n; SELECT $$ ; $$, $tag$;$tag$ /* ; */`)).toEqual([
      `SELECT ';' AS a`,
      `SELECT "x;y" FROM t -- ; not here`,
      `SELECT $$ ; $$, $tag$;$tag$ /* ; */`,
    ]);
    expect(splitStatements(`SELECT E'it\\'s;' ; SELECT 'it''s;'`)).toEqual([`SELECT E'it\\'s;'`, `SELECT 'it''s;'`]);
  });

  it('drops empty and comment-only statements', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements(' ; -- nothing\n /* nested /* comment */ */ ;')).toEqual([]);
  });
});

describe('session commands', () => {
  it('parses SET, RESET, SHOW and transaction control', () => {
    expect(parseSessionCommand(`SET application_name = 'Grafana'`)).toEqual({ kind: 'set', name: 'application_name', value: 'Grafana', tag: 'SET' });
    expect(parseSessionCommand('set session statement_timeout to 5000')).toEqual({ kind: 'set', name: 'statement_timeout', value: '5000', tag: 'SET' });
    expect(parseSessionCommand(`SET TIME ZONE 'UTC'`)).toMatchObject({ name: 'timezone', value: 'UTC' });
    expect(parseSessionCommand('SET search_path TO public, meta')).toMatchObject({ value: 'public, meta' });
    expect(parseSessionCommand('RESET ALL')).toMatchObject({ kind: 'set', name: '*', value: null });
    expect(parseSessionCommand('SHOW TRANSACTION ISOLATION LEVEL')).toEqual({ kind: 'show', name: 'transaction_isolation' });
    expect(parseSessionCommand('BEGIN READ ONLY')).toMatchObject({ kind: 'begin' });
    expect(parseSessionCommand('END')).toMatchObject({ kind: 'commit' });
    expect(parseSessionCommand('SELECT 1')).toBeNull();
    expect(() => parseSessionCommand('START TRANSACTION READ WRITE')).toThrow('read-only');
  });

  it('reads statement_timeout values with units', () => {
    expect(parseDurationMs('250')).toBe(250);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('2min')).toBe(120_000);
    expect(() => parseDurationMs('soon')).toThrow('invalid value for parameter "statement_timeout"');
  });
});

describe('catalog rewrite', () => {
  it("turns psql's Postgres-only syntax into DuckDB's", () => {
    expect(rewriteCatalogQuery(`SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default`)).toBe(
      `SELECT c.relname FROM pg_gw_class c WHERE c.relname  ~  '^(t)$' `,
    );
    expect(rewriteCatalogQuery(`SELECT pg_catalog.format_type(a.atttypid, a.atttypmod), x::pg_catalog.regtype::pg_catalog.text FROM t`)).toBe(
      `SELECT pg_gw_format_type(a.atttypid, a.atttypmod), x::VARCHAR::VARCHAR FROM t`,
    );
  });

  it('shows main as public and keeps the original name as alias of a shadowed catalog table', () => {
    expect(rewriteCatalogQuery('SELECT * FROM public.candles_daily')).toBe('SELECT * FROM main.candles_daily');
    expect(rewriteCatalogQuery(`SELECT 'public.x', x.public FROM t`)).toBe(`SELECT 'public.x', x.public FROM t`);
    expect(rewriteCatalogQuery('SELECT pg_type.oid FROM pg_catalog.pg_type WHERE typname = $1')).toBe(
      'SELECT pg_type.oid FROM pg_gw_type AS pg_type WHERE typname = $1',
    );
    expect(rewriteCatalogQuery('SELECT table_name FROM information_schema.tables t')).toBe('SELECT table_name FROM pg_gw_is_tables t');
  });

  it("names the column of a one-column table function after its alias, as Postgres does", () => {
    expect(rewriteCatalogQuery('SELECT s FROM pg_catalog.generate_series(1, 3) s')).toBe('SELECT s FROM generate_series(1, 3) s(s)');
    expect(rewriteCatalogQuery('SELECT generate_series(1, 3) s')).toBe('SELECT generate_series(1, 3) s');
  });

  it("answers pgjdbc's getPrimaryKeys from the primary-key view", () => {
    const jdbc = `SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME,
      (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_index i ON true
      WHERE true AND n.nspname = E'public' AND ct.relname = E'candles_daily' AND i.indisprimary`;
    const out = rewriteCatalogQuery(jdbc);
    expect(out).toContain('FROM pg_gw_primary_keys WHERE table_schem = \'public\' AND table_name = \'candles_daily\'');
  });

  it("rewrites Grafana's search-path query: session settings, bare USER and an array function in FROM", () => {
    const setting = (name: string) => (name === 'search_path' ? '"$user", public' : undefined);
    expect(rewriteCatalogQuery(`SELECT CASE WHEN s[i] = 'x' THEN user END FROM generate_series(1, 2) as i, string_to_array(current_setting('search_path'),',') s`, setting)).toBe(
      `SELECT CASE WHEN s[i] = 'x' THEN current_user END FROM generate_series(1, 2) as i(i), (SELECT string_to_array('"$user", public',',') AS s) s`,
    );
    expect(rewriteCatalogQuery(`SELECT string_to_array(a, ',') s FROM t`)).toBe(`SELECT string_to_array(a, ',') s FROM t`);
  });

  it('leaves ordinary queries alone', () => {
    const sql = `SELECT symbol, close FROM candles_daily WHERE ts >= $1 -- pg_catalog in a comment`;
    expect(rewriteCatalogQuery(sql)).toBe(sql);
  });
});
