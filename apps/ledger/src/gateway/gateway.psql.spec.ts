import { spawn } from 'node:child_process';
import { LedgerGatewayService } from './ledger-gateway.service';
import { psql, startGatewayServer, TEST_USER, type GatewayTestServer } from './testing/gateway-test-server';

jest.setTimeout(120_000);

// psql against the ledger's gateway: SCRAM login, the meta-commands people use, errors and Ctrl-C.
describe('Postgres gateway with psql', () => {
  let server: GatewayTestServer;

  beforeAll(async () => {
    server = await startGatewayServer();
    await server.ledger.writeRows('candles_daily', [
      { symbol: 'SPY', interval: '1d', auto_adjust: true, back_adjust: false, ts: '2024-01-02T00:00:00Z', open: 470, high: 473, low: 469, close: 472.5, volume: 1000 },
    ]);
    // A view and a macro in the user's file, so \dv and \df have something to list.
    await server.ledger.queue.enqueue((conn) => conn.run(`CREATE VIEW spy_closes AS SELECT ts, close FROM candles_daily WHERE symbol = 'SPY'`));
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('logs in with SCRAM-SHA-256 and answers a query', async () => {
    const r = await psql(server, ['SELECT symbol, close FROM candles_daily'], ['-A', '-t']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('SPY|472.5');
  });

  // psql does not print the SQLSTATE of a failed login; gateway.node-pg.spec.ts checks it is 28P01.
  it('refuses a wrong password', async () => {
    const r = await psql(server, ['SELECT 1'], [], { PGPASSWORD: 'wrong' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`password authentication failed for user "${TEST_USER}"`);
  });

  it('lists tables, schemas, databases, views, indexes and roles with \\dt \\dn \\l \\dv \\di \\du', async () => {
    const r = await psql(server, ['\\dt', '\\dn', '\\l', '\\dv', '\\di', '\\du'], ['-A']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('public|candles_daily|table|');
    expect(r.stdout).toContain('meta|ingestion_runs|table|');
    expect(r.stdout).toMatch(/^meta\|/m);
    expect(r.stdout).toMatch(/^public\|options_helper$/m);
    expect(r.stdout).toMatch(/^ledger\|options_helper\|UTF8\|/m);
    expect(r.stdout).toContain('public|spy_closes|view|');
    expect(r.stdout).toContain('public|idx_candles_daily_symbol_ts|index|options_helper|candles_daily');
    expect(r.stdout).toMatch(/^options_helper\|/m);
  });

  it('describes a table with \\d and \\d+ (columns, Postgres types, nullability, indexes)', async () => {
    const r = await psql(server, ['\\d candles_daily', '\\d+ public.candles_daily', '\\d meta.ingestion_runs'], ['-A']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Table "public.candles_daily"');
    expect(r.stdout).toContain('symbol|text||not null|');
    expect(r.stdout).toContain('ts|timestamp without time zone||not null|');
    expect(r.stdout).toContain('close|double precision|||');
    expect(r.stdout).toContain('"idx_candles_daily_symbol_ts"');
    expect(r.stdout).toContain('Table "meta.ingestion_runs"');
    expect(r.stdout).toMatch(/symbol\|text\|\|not null\|\|plain\|/);
  });

  it('runs \\df without error', async () => {
    const r = await psql(server, ['\\df'], ['-A']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('List of functions');
  });

  it('reports a syntax error with SQLSTATE 42601 and the position of the bad token', async () => {
    const r = await psql(server, ['SELECT symbol FROM candles_daily WHERE WHERE']);
    expect(r.stderr).toContain('42601');
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('LINE 1: '));
    expect(at).toBeGreaterThanOrEqual(0);
    // The caret sits under the second WHERE (character 40 of the statement).
    const caret = lines[at + 1].indexOf('^') - 'LINE 1: '.length;
    expect('SELECT symbol FROM candles_daily WHERE WHERE'.slice(caret)).toBe('WHERE');
  });

  it('cancels a long query on Ctrl-C (SIGINT → CancelRequest) with 57014', async () => {
    const child = spawn('psql', ['-X', '-v', 'VERBOSITY=verbose', '-c', 'SELECT count(*) FROM range(100000000000000) t(i) WHERE i % 7 = 3'], {
      env: server.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const gateway = server.app.get(LedgerGatewayService);
    for (let i = 0; i < 600 && gateway.runningStatements === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(gateway.runningStatements).toBe(1);
    child.kill('SIGINT');
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(guard);
    expect(stderr).toContain('57014');
    expect(stderr).toContain('canceling statement due to user request');
  });
});
