import * as fs from 'node:fs';
import * as path from 'node:path';
import { runClient, startGatewayServer, TEST_PASSWORD, TEST_USER, type GatewayTestServer } from './testing/gateway-test-server';

jest.setTimeout(240_000);

const JDBC_JAR = '/usr/share/java/postgresql.jar';

// pgbench in all three query modes and pgjdbc (metadata, prepared statements past the binary switch,
// fetch size, query timeout) against the ledger's gateway.
describe('Postgres gateway with pgbench and pgjdbc', () => {
  let server: GatewayTestServer;

  beforeAll(async () => {
    server = await startGatewayServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.each(['simple', 'extended', 'prepared'])('pgbench -M %s runs a read-only script with zero failed transactions', async (mode) => {
    const script = path.join(server.dir, 'point.sql');
    fs.writeFileSync(script, '\\set id random(1, 1000)\nSELECT x, x * 2 AS y FROM range(2000) t(x) WHERE x = :id;\nSELECT count(*) FROM meta.ingestion_runs;\n');
    const r = await runClient('pgbench', ['-n', '-M', mode, '-f', script, '-c', '4', '-j', '2', '-t', '50'], { env: server.env, timeoutMs: 180_000 });
    expect(r.stderr).not.toMatch(/ERROR|FATAL/);
    expect(r.stdout).toContain('number of transactions actually processed: 200/200');
    expect(r.stdout).toContain('number of failed transactions: 0 (0.000%)');
  });

  const jdbc = fs.existsSync(JDBC_JAR) ? it : it.skip;
  jdbc('pgjdbc reads metadata, runs a prepared statement 10 times, fetches 10,000 rows 100 at a time and times out with 57014', async () => {
    await server.ledger.writeRows('candles_daily', [
      { symbol: 'SPY', interval: '1d', auto_adjust: true, back_adjust: false, ts: '2024-01-02T00:00:00Z', close: 472.5 },
    ]);
    const r = await runClient('java', ['-cp', JDBC_JAR, path.join(__dirname, 'testing', 'GatewayJdbcCheck.java'), String(server.port), TEST_USER, TEST_PASSWORD], {
      timeoutMs: 200_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ok getSchemas');
    expect(r.stdout).toContain('ok getPrimaryKeys [symbol, interval, auto_adjust, back_adjust, ts]');
    expect(r.stdout).toContain('ok prepared run 9');
    expect(r.stdout).toContain('ok fetchSize 100 over 10000 rows: 10000');
    expect(r.stdout).toContain('ok setQueryTimeout -> 57014');
    expect(r.stdout).toContain('ALL OK');
    expect(r.code).toBe(0);
  });
});
