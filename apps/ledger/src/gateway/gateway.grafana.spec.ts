import { Client } from 'pg';
import { startGatewayServer, type GatewayTestServer } from './testing/gateway-test-server';

jest.setTimeout(120_000);

// The queries Grafana's PostgreSQL data source sends (its query builder's table and column pickers, and what
// its macros expand to), as Grafana 11 writes them.
const SCHEMA_CONSTRAINT = `
  quote_ident(table_schema) IN (
  SELECT
    CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
  FROM
    generate_series(
      array_lower(string_to_array(current_setting('search_path'),','),1),
      array_upper(string_to_array(current_setting('search_path'),','),1)
    ) as i,
    string_to_array(current_setting('search_path'),',') s
  )`;

describe('Postgres gateway with Grafana queries', () => {
  let server: GatewayTestServer;
  let client: Client;

  beforeAll(async () => {
    server = await startGatewayServer();
    const rows = Array.from({ length: 6 }, (_, i) => ({
      symbol: 'SPY', interval: '1d', auto_adjust: true, back_adjust: false,
      ts: new Date(Date.UTC(2024, 0, 1, 0, i * 10)).toISOString(), close: 100 + i,
    }));
    await server.ledger.writeRows('candles_daily', rows);
    client = new Client({ ...server.pg, application_name: 'Grafana' });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it('lists tables for the table picker', async () => {
    const r = await client.query(`SELECT quote_ident(table_name) as "table" FROM information_schema.tables
      WHERE quote_ident(table_schema) NOT IN ('information_schema', 'pg_catalog', '_timescaledb_cache', '_timescaledb_catalog',
      '_timescaledb_internal', '_timescaledb_config', 'timescaledb_information', 'timescaledb_experimental')
      AND table_type = 'BASE TABLE' AND ${SCHEMA_CONSTRAINT}`);
    expect(r.rows.map((x) => x.table)).toContain('candles_daily');
    expect(r.rows.map((x) => x.table)).not.toContain('ingestion_runs'); // meta is not on the search path
  });

  it('lists the columns of a table for the column picker', async () => {
    const r = await client.query(`SELECT quote_ident(column_name) AS "column", data_type AS "type" FROM information_schema.columns
      WHERE quote_ident(table_name) = 'candles_daily' AND ${SCHEMA_CONSTRAINT}`);
    const cols = Object.fromEntries(r.rows.map((x) => [x.column, x.type]));
    expect(cols).toMatchObject({ symbol: 'text', ts: 'timestamp without time zone', close: 'double precision', volume: 'double precision' });
  });

  it('runs what $__timeFilter, $__timeGroupAlias and $__time expand to', async () => {
    // $__timeGroupAlias(ts, 20m) and $__timeFilter(ts) for 2024-01-01 00:00–00:45 UTC
    const r = await client.query(`SELECT floor(extract(epoch from ts)/1200)*1200 AS "time", avg(close) AS close
      FROM candles_daily WHERE ts BETWEEN '2024-01-01T00:00:00Z' AND '2024-01-01T00:45:00Z' GROUP BY 1 ORDER BY 1`);
    // 00:00,00:10 → 100.5; 00:20,00:30 → 102.5; 00:40 → 104 (00:50 is outside the range)
    expect(r.rows.map((x) => [Number(x.time), Number(x.close)])).toEqual([
      [1_704_067_200, 100.5],
      [1_704_068_400, 102.5],
      [1_704_069_600, 104],
    ]);
    const t = await client.query(`SELECT ts AS "time", close FROM candles_daily WHERE ts >= to_timestamp(1704067200) AND ts < to_timestamp(1704067800)`);
    expect(t.rows).toHaveLength(1);
  });
});
