import { ReadOnlyQueryError } from './read-only-error';
import { ReadOnlyExecutor } from './read-only-executor';
import { createReadOnlyFixture, type ReadOnlyFixture } from './read-only.fixture';

// 100 000 × 100 000 rows: minutes of work, so only an interrupt ends it quickly.
const ENDLESS = 'SELECT sum(a.range * b.range) AS s FROM range(100000) a, range(100000) b';

let fx: ReadOnlyFixture;
let executor: ReadOnlyExecutor;

beforeAll(async () => {
  fx = await createReadOnlyFixture();
  executor = new ReadOnlyExecutor(fx.source, { defaultTimeoutMs: 10_000, maxRows: 50 });
});

afterAll(() => fx.close());

describe('reads', () => {
  it('returns columns with DuckDB types, JSON-safe rows and a row count', async () => {
    const result = await executor.execute('SELECT id, symbol, qty, price, traded_at FROM trades ORDER BY id');
    expect(result.columns).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'symbol', type: 'VARCHAR' },
      { name: 'qty', type: 'INTEGER' },
      { name: 'price', type: 'DECIMAL(18,4)' },
      { name: 'traded_at', type: 'TIMESTAMP' },
    ]);
    expect(result.rows).toEqual([
      { id: 1, symbol: 'SPY', qty: 10, price: 512.25, traded_at: '2024-05-01T14:30:00.000Z' },
      { id: 2, symbol: 'QQQ', qty: -5, price: 440.1, traded_at: '2024-05-02T15:00:00.000Z' },
      { id: 3, symbol: 'SPY', qty: 3, price: 513, traded_at: '2024-05-03T16:00:00.000Z' },
    ]);
    expect(result.rowCount).toBe(3);
    expect(result.truncated).toBe(false);
    expect(result.elapsedMs).toBeGreaterThan(0);
  });

  it('runs joins, CTEs and aggregates', async () => {
    // alpha: 10 + (-5) = 5 shares, notional 10 × 512.25 − 5 × 440.1 = 5122.5 − 2200.5 = 2922
    // beta:  3 shares, notional 3 × 513 = 1539
    const result = await executor.execute(`
      WITH fills AS (SELECT account_id, qty, qty * price AS notional FROM trades)
      SELECT a.name, sum(f.qty) AS shares, sum(f.notional) AS notional, count(*) AS fills
      FROM fills f JOIN accounts a ON a.id = f.account_id
      GROUP BY a.name ORDER BY a.name`);
    expect(result.rows).toEqual([
      { name: 'alpha', shares: 5, notional: 2922, fills: 2 },
      { name: 'beta', shares: 3, notional: 1539, fills: 1 },
    ]);
  });

  it('binds parameters positionally', async () => {
    const dollar = await executor.execute('SELECT id FROM trades WHERE symbol = $1 AND qty > $2 ORDER BY id', {
      params: ['SPY', 5],
    });
    expect(dollar.rows).toEqual([{ id: 1 }]);
    const question = await executor.execute('SELECT ? AS a, ? AS b, ? AS c', { params: [true, null, 12345678901234567890n] });
    expect(question.rows).toEqual([{ a: true, b: null, c: '12345678901234567890' }]);
  });

  it('treats parameters as values, never as SQL', async () => {
    const result = await executor.execute('SELECT count(*) AS n FROM trades WHERE symbol = $1', {
      params: ["SPY'; DROP TABLE trades; --"],
    });
    expect(result.rows).toEqual([{ n: 0 }]);
    expect((await executor.execute('SELECT count(*) AS n FROM trades')).rows).toEqual([{ n: 3 }]);
  });

  it('reads the catalog: information_schema, duckdb_tables(), SHOW, DESCRIBE, SUMMARIZE', async () => {
    const tables = await executor.execute(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name",
    );
    expect(tables.rows).toEqual([{ table_name: 'accounts' }, { table_name: 'trades' }]);
    const duck = await executor.execute('SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY table_name');
    expect(duck.rows).toEqual([
      { table_name: 'accounts', estimated_size: 2 },
      { table_name: 'trades', estimated_size: 3 },
    ]);
    expect((await executor.execute('SHOW TABLES')).rowCount).toBe(2);
    expect((await executor.execute('DESCRIBE trades')).rows.map((r) => r['column_name'])).toEqual([
      'id',
      'account_id',
      'symbol',
      'qty',
      'price',
      'traded_at',
    ]);
    expect((await executor.execute('SUMMARIZE trades')).rowCount).toBe(6);
  });

  it('accepts the other SELECT spellings and catalogs it may read', async () => {
    expect((await executor.execute('FROM accounts ORDER BY id')).rows).toEqual([
      { id: 1, name: 'alpha' },
      { id: 2, name: 'beta' },
    ]);
    expect((await executor.execute('VALUES (1, 2)')).rowCount).toBe(1);
    expect((await executor.execute('SELECT count(*) AS n FROM ledger.main.trades')).rows).toEqual([{ n: 3 }]);
    expect((await executor.execute('SELECT count(*) > 0 AS ok FROM system.main.duckdb_functions()')).rows).toEqual([{ ok: true }]);
    const pivot = await executor.execute("PIVOT trades ON symbol IN ('SPY', 'QQQ') USING sum(qty) GROUP BY account_id ORDER BY account_id");
    expect(pivot.rows).toEqual([
      { account_id: 1, SPY: 10, QQQ: -5 },
      { account_id: 2, SPY: 3, QQQ: null },
    ]);
    expect((await executor.execute('SELECT histogram(symbol) AS h FROM trades')).rows).toEqual([
      { h: [{ key: 'QQQ', value: 1 }, { key: 'SPY', value: 2 }] },
    ]);
  });

  it('runs EXPLAIN and EXPLAIN ANALYZE of a SELECT', async () => {
    const plan = await executor.execute('EXPLAIN SELECT * FROM trades');
    expect(plan.columns.map((c) => c.name)).toEqual(['explain_key', 'explain_value']);
    expect(String(plan.rows[0]['explain_value'])).toContain('ledger.main.trades');
    expect((await executor.execute('EXPLAIN ANALYZE SELECT count(*) FROM trades')).rowCount).toBe(1);
  });

  it('keeps both columns when two share a name', async () => {
    const result = await executor.execute('SELECT 1 AS a, 2 AS a');
    expect(result.columns.map((c) => c.name)).toEqual(['a', 'a:1']);
    expect(result.rows).toEqual([{ a: 1, 'a:1': 2 }]);
  });
});

describe('row limits', () => {
  it('returns at most maxRows rows and says the result was truncated', async () => {
    const result = await executor.execute('SELECT range AS n FROM range(1000000)', { maxRows: 10 });
    expect(result.rows).toHaveLength(10);
    expect(result.rows[9]).toEqual({ n: 9 });
    expect(result).toMatchObject({ rowCount: 10, truncated: true });
  });

  it('does not call a result of exactly maxRows rows truncated', async () => {
    const result = await executor.execute('SELECT range AS n FROM range(10)', { maxRows: 10 });
    expect(result).toMatchObject({ rowCount: 10, truncated: false });
  });

  it('never returns more than the executor allows, whatever the caller asks', async () => {
    const result = await executor.execute('SELECT range AS n FROM range(1000)', { maxRows: 500 });
    expect(result).toMatchObject({ rowCount: 50, truncated: true });
  });

  it('can refuse an oversized result instead of truncating it', async () => {
    await expect(executor.execute('SELECT * FROM range(51)', { onTooManyRows: 'error' })).rejects.toMatchObject({
      reason: 'too_many_rows',
      sqlstate: '54000',
      message: 'the result has more than 50 rows',
    });
    await expect(executor.execute('SELECT * FROM range(50)', { onTooManyRows: 'error' })).resolves.toMatchObject({ rowCount: 50 });
  });

  it('rejects limits that are not positive integers', async () => {
    await expect(executor.execute('SELECT 1', { maxRows: 0 })).rejects.toThrow(RangeError);
    await expect(executor.execute('SELECT 1', { timeoutMs: 1.5 })).rejects.toThrow(RangeError);
    expect(() => new ReadOnlyExecutor(fx.source, { maxRows: -1 })).toThrow(RangeError);
  });
});

describe('timeouts and cancellation', () => {
  it('interrupts a long query at the timeout, and the connection works afterwards', async () => {
    const releasesBefore = fx.source.releases.length;
    const started = Date.now();
    const error = await executor.execute(ENDLESS, { timeoutMs: 200 }).catch((e: unknown) => e);
    const waited = Date.now() - started;

    expect(error).toBeInstanceOf(ReadOnlyQueryError);
    expect(error).toMatchObject({ reason: 'timeout', sqlstate: '57014' });
    expect((error as Error).message).toBe('canceling statement due to statement timeout (200 ms)');
    expect(waited).toBeLessThan(5_000);
    expect(fx.source.releases.slice(releasesBefore)).toEqual([{ reusable: true }]);

    // Same connection: a leftover transaction or interrupt would make this fail.
    await expect(executor.execute('SELECT 42 AS answer')).resolves.toMatchObject({ rows: [{ answer: 42 }] });
  });

  it('interrupts when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(executor.execute(ENDLESS, { signal: controller.signal })).rejects.toMatchObject({
      reason: 'cancelled',
      sqlstate: '57014',
    });
    await expect(executor.execute('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });

  it('does not start a query whose signal is already aborted', async () => {
    const releasesBefore = fx.source.releases.length;
    await expect(executor.execute('SELECT 1', { signal: AbortSignal.abort() })).rejects.toMatchObject({ reason: 'cancelled' });
    expect(fx.source.releases.length).toBe(releasesBefore);
  });
});

describe('errors', () => {
  it('keeps DuckDB’s message for errors in accepted statements', async () => {
    const error = await executor.execute('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'execution_error', sqlstate: 'XX000' });
    expect((error as Error).message).toContain('Catalog Error: Table with name no_such_table does not exist');
  });

  it('wraps errors raised while the query runs, and rolls back', async () => {
    await expect(executor.execute("SELECT error('boom') FROM trades")).rejects.toMatchObject({
      reason: 'execution_error',
      message: expect.stringContaining('boom'),
    });
    await expect(executor.execute('SELECT count(*) AS n FROM accounts')).resolves.toMatchObject({ rows: [{ n: 2 }] });
  });

  it('reports missing parameters', async () => {
    await expect(executor.execute('SELECT $1 AS x')).rejects.toMatchObject({ reason: 'execution_error' });
  });

  it('hands the connection back after every query, refused or not', async () => {
    const releasesBefore = fx.source.releases.length;
    await executor.execute('SELECT 1');
    await executor.execute('DROP TABLE trades').catch(() => undefined);
    await executor.execute('SELECT * FROM nowhere').catch(() => undefined);
    expect(fx.source.releases.slice(releasesBefore)).toEqual([{ reusable: true }, { reusable: true }, { reusable: true }]);
  });
});

describe('JSON-safe values', () => {
  it('converts every value JSON cannot carry as is', async () => {
    const result = await executor.execute(`
      SELECT
        9007199254740991::BIGINT AS safe_bigint,
        9007199254740993::BIGINT AS unsafe_bigint,
        170141183460469231731687303715884105727::HUGEINT AS hugeint,
        18446744073709551615::UBIGINT AS ubigint,
        123.4500::DECIMAL(10, 4) AS decimal,
        'NaN'::DOUBLE AS nan,
        'inf'::DOUBLE AS inf,
        DATE '2024-02-29' AS date,
        'infinity'::DATE AS date_inf,
        TIMESTAMP '2024-03-10 12:34:56.789123' AS ts_micros,
        TIMESTAMPTZ '2024-03-10 12:00:00+02:00' AS tstz,
        '-infinity'::TIMESTAMP AS ts_neg_inf,
        '2024-03-10 12:34:56.123456789'::TIMESTAMP_NS AS ts_ns,
        '2024-03-10 12:34:56'::TIMESTAMP_S AS ts_s,
        TIME '09:30:00' AS time,
        INTERVAL 90 MINUTE AS interval,
        '6a0a4d79-9f87-4a0a-b0a4-9a6d1a2f0c11'::UUID AS uuid,
        '\\x48\\x69'::BLOB AS blob,
        [1, 2, NULL] AS list,
        {'px': 1.5::DECIMAL(4, 2), 'at': DATE '2024-01-02'} AS struct,
        MAP {'a': 1} AS map,
        NULL AS nothing`);
    const [row] = result.rows;
    expect(row).toEqual({
      safe_bigint: 9007199254740991,
      unsafe_bigint: '9007199254740993',
      hugeint: '170141183460469231731687303715884105727',
      ubigint: '18446744073709551615',
      decimal: 123.45,
      nan: 'NaN',
      inf: 'Infinity',
      date: '2024-02-29',
      date_inf: 'infinity',
      ts_micros: '2024-03-10T12:34:56.789123Z',
      tstz: '2024-03-10T10:00:00.000Z',
      ts_neg_inf: '-infinity',
      ts_ns: '2024-03-10T12:34:56.123456789Z',
      ts_s: '2024-03-10T12:34:56.000Z',
      time: '09:30:00',
      interval: '01:30:00',
      uuid: '6a0a4d79-9f87-4a0a-b0a4-9a6d1a2f0c11',
      blob: '\\x4869',
      list: [1, 2, null],
      struct: { px: 1.5, at: '2024-01-02' },
      map: [{ key: 'a', value: 1 }],
      nothing: null,
    });
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
  });
});
