import { Client } from 'pg';
import { startGatewayServer, type GatewayTestServer } from './testing/gateway-test-server';

jest.setTimeout(120_000);

// What DBeaver's PostgreSQL driver asks right after connecting (and when it opens the schema tree).
const STARTUP_QUERIES: Array<[string, unknown[]]> = [
  ['SELECT current_schema(), session_user', []],
  ['SELECT version()', []],
  ['SHOW search_path', []],
  ['SELECT pg_catalog.pg_is_in_recovery()', []],
  ['select * from pg_catalog.pg_settings where name=$1', ['standard_conforming_strings']],
  ['SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=$1', ['ledger']],
  [`SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n
    LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass
    ORDER BY nspname`, []],
  [`SELECT c.oid,c.*,d.description FROM pg_catalog.pg_class c
    LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass
    WHERE c.relnamespace=$1 AND c.relkind not in ('i','I','c')`, [0]],
];

describe('Postgres gateway with DBeaver start-up queries', () => {
  let server: GatewayTestServer;
  let client: Client;

  beforeAll(async () => {
    server = await startGatewayServer();
    client = new Client({ ...server.pg, application_name: 'DBeaver 24.0.0 - Main' });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it.each(STARTUP_QUERIES)('answers %s', async (sql, params) => {
    await expect(client.query(sql, params)).resolves.toMatchObject({ command: sql.startsWith('SHOW') ? 'SHOW' : 'SELECT' });
  });

  it('reports a Postgres version and public as the current schema', async () => {
    const r = await client.query('SELECT version() AS v, current_schema() AS s, current_schemas(false) AS path');
    expect(r.rows[0].v).toMatch(/^PostgreSQL 15\.0 \(options-helper gateway on DuckDB v/);
    expect(r.rows[0].s).toBe('public');
    expect(r.rows[0].path).toEqual(['public']);
  });

  it('lists public and meta in the schema tree', async () => {
    const r = await client.query(STARTUP_QUERIES[6][0]);
    expect(r.rows.map((x) => x.nspname)).toEqual(expect.arrayContaining(['public', 'meta']));
  });
});
