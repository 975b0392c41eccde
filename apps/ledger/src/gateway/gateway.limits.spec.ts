import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '@options-helper/ledger-client/testing';
import { psql, runClient, startGatewayServer, type GatewayTestServer } from './testing/gateway-test-server';

jest.setTimeout(180_000);

async function connected(server: GatewayTestServer, extra: Record<string, unknown> = {}): Promise<Client> {
  const c = new Client({ ...server.pg, ...extra });
  await c.connect();
  return c;
}

async function sqlstate(c: Client, sql: string, values?: unknown[]): Promise<string> {
  try {
    await c.query(sql, values);
    return 'ran';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('Postgres gateway: read-only, limits, metrics', () => {
  let server: GatewayTestServer;
  let probeDir: string;

  beforeAll(async () => {
    server = await startGatewayServer({ statementTimeoutMs: 0, maxRows: 1000, maxBytes: 200_000, maxConnections: 12 });
    probeDir = path.join(server.dir, 'probes');
    fs.mkdirSync(probeDir);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses every write and filesystem or network escape, over both protocols, and writes no file', async () => {
    const c = await connected(server);
    const f = (name: string) => path.join(probeDir, name).replace(/'/g, "''");
    const probes = [
      `INSERT INTO candles_daily (symbol, interval, auto_adjust, back_adjust, ts) VALUES ('X', '1d', true, false, TIMESTAMP '2024-01-01')`,
      `UPDATE meta.ingestion_runs SET status = 'failed'`,
      `DELETE FROM meta.ingestion_runs`,
      `CREATE TABLE evil (i INTEGER)`,
      `CREATE TEMP TABLE evil (i INTEGER)`,
      `DROP TABLE candles_daily`,
      `ALTER TABLE candles_daily ADD COLUMN evil INTEGER`,
      `COPY candles_daily TO '${f('out.csv')}'`,
      `COPY (SELECT 1) TO '${f('one.parquet')}' (FORMAT parquet)`,
      `EXPORT DATABASE '${f('export')}'`,
      `ATTACH '${f('evil.duckdb')}' AS evil`,
      `INSTALL httpfs`,
      `LOAD httpfs`,
      `CHECKPOINT`,
      `SELECT * FROM read_csv('/etc/passwd')`,
      `SELECT * FROM '/etc/passwd'`,
      `SELECT * FROM read_text('/etc/hostname')`,
      `SELECT * FROM query('CREATE TABLE evil (i INTEGER)')`,
      `SELECT * FROM read_parquet('https://example.com/x.parquet')`,
      `SELECT 1; COPY (SELECT 1) TO '${f('mixed.csv')}'`,
    ];
    const codes: Record<string, string> = {};
    for (const sql of probes) codes[sql] = await sqlstate(c, sql);
    // The extended protocol (a parameter forces Parse/Bind/Execute) goes through the same guard.
    codes['extended COPY'] = await sqlstate(c, `COPY (SELECT $1::INTEGER) TO '${f('ext.csv')}'`, [1]);
    codes['extended read_csv'] = await sqlstate(c, `SELECT * FROM read_csv($1)`, ['/etc/passwd']);
    for (const [sql, code] of Object.entries(codes)) {
      expect([sql, ['25006', '42501'].includes(code)]).toEqual([sql, true]);
    }
    expect(fs.readdirSync(probeDir)).toEqual([]);
    const tables = await server.ledger.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'evil' OR database_name = 'evil'`);
    expect(tables.rows[0]['n']).toBe(0);
    expect(await sqlstate(c, 'SELECT 1')).toBe('ran');
    await c.end();
  });

  it('shows rows a writer commits every 10 ms to 8 concurrent readers, without lock errors', async () => {
    const readers = await Promise.all(Array.from({ length: 8 }, () => connected(server)));
    const count = async (c: Client) => Number((await c.query(`SELECT count(*) AS n FROM candles_daily WHERE symbol = 'WRITER'`)).rows[0].n);
    let written = 0;
    let done = false;
    const errors: unknown[] = [];
    const seen: number[][] = readers.map(() => []);
    const reading = readers.map(async (c, i) => {
      for (let k = 0; k < 2000 && !done; k++) {
        try {
          seen[i].push(await count(c));
        } catch (error) {
          errors.push(error);
          return;
        }
      }
    });
    for (let i = 0; i < 60; i++) {
      await server.ledger.writeRows('candles_daily', [
        { symbol: 'WRITER', interval: '1d', auto_adjust: true, back_adjust: false, ts: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(), close: i },
      ]);
      written = i + 1;
      // Every reader sees the commit on its next query.
      const after = await Promise.all(readers.map(count));
      expect(after.every((n) => n >= written)).toBe(true);
      await new Promise((r) => setTimeout(r, 10));
    }
    done = true;
    await Promise.all(reading);
    expect(errors).toEqual([]);
    for (const s of seen) {
      expect(s.length).toBeGreaterThan(0);
      expect(s.every((n, k) => k === 0 || n >= s[k - 1])).toBe(true);
    }
    for (const c of readers) await c.end();
  });

  it('stops a statement at the per-session statement_timeout with 57014 and keeps the session usable', async () => {
    const c = await connected(server);
    await c.query(`SET statement_timeout = '300ms'`);
    const err = await c.query('SELECT count(*) FROM range(100000000000000) t(i) WHERE i % 7 = 3').catch((e: unknown) => e as { code: string; message: string });
    expect(err).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
    expect((await c.query('SELECT 42 AS n')).rows).toEqual([{ n: 42 }]);
    await c.end();
  });

  it('refuses results beyond the row and byte limits with 54000', async () => {
    const c = await connected(server);
    expect((await c.query('SELECT x FROM range(1000) t(x)')).rowCount).toBe(1000);
    const rows = await c.query('SELECT x FROM range(1001) t(x)').catch((e: unknown) => e as { code: string; message: string });
    expect(rows).toMatchObject({ code: '54000' });
    const bytes = await c.query(`SELECT repeat('x', 1000) AS s FROM range(500) t(x)`).catch((e: unknown) => e as { code: string });
    expect(bytes).toMatchObject({ code: '54000' });
    expect((await c.query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    await c.end();
  });

  it('exports connection, query, duration and auth-failure metrics on the ledger /metrics', async () => {
    const c = await connected(server);
    await c.query('SELECT 1');
    await c.query('SELECT * FROM nope').catch(() => undefined);
    await new Client({ ...server.pg, password: 'wrong' }).connect().catch(() => undefined);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    await c.end();
    // The registry adds service="ledger" to every series.
    expect(text).toMatch(/^options_helper_gateway_connections\{[^}]*\} 1$/m);
    expect(text).toMatch(/^options_helper_gateway_queries_total\{outcome="success"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^options_helper_gateway_queries_total\{outcome="error"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^options_helper_gateway_queries_total\{outcome="refused"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^options_helper_gateway_query_duration_seconds_count\{[^}]*\} [1-9]/m);
    expect(text).toMatch(/^options_helper_gateway_auth_failures_total\{[^}]*\} [1-9]/m);
  });

  it('accepts a user added with `options-helper gateway add-user` while the ledger runs', async () => {
    const added = await runClient('node', [path.join(REPO_ROOT, 'bin', 'options-helper.js'), 'gateway', 'add-user', 'grafana', '--password-stdin'], {
      env: { ...process.env, OPTIONS_HELPER_GATEWAY_CREDENTIALS: server.credentialsFile },
      input: 'gr4fana pass\n',
      timeoutMs: 60_000,
    });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(fs.readFileSync(server.credentialsFile, 'utf8')).not.toContain('gr4fana');
    const c = await connected(server, { user: 'grafana', password: 'gr4fana pass' });
    expect((await c.query('SELECT current_user IS NOT NULL AS ok')).rows).toEqual([{ ok: true }]);
    await c.end();
    const bad = await runClient('node', [path.join(REPO_ROOT, 'bin', 'options-helper.js'), 'gateway', 'add-user', 'grafana'], { timeoutMs: 60_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--password-stdin is required');
  });
});

describe('Postgres gateway: connection limit, TLS and shutdown', () => {
  it('refuses connections beyond the maximum with 53300', async () => {
    const server = await startGatewayServer({ maxConnections: 2 });
    const open = [await connected(server), await connected(server)];
    const third = await new Client(server.pg).connect().then(() => 'connected', (e: { code?: string }) => e.code);
    expect(third).toBe('53300');
    for (const c of open) await c.end();
    await server.stop();
  });

  it('applies the server default statement_timeout', async () => {
    const server = await startGatewayServer({ statementTimeoutMs: 300 });
    const c = await connected(server);
    try {
      expect((await c.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '300' }]);
      const err = await c.query('SELECT count(*) FROM range(100000000000000) t(i) WHERE i % 7 = 3').catch((e: unknown) => e as { code: string });
      expect(err).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
      expect((await c.query('SELECT 7 AS n')).rows).toEqual([{ n: 7 }]);
    } finally {
      await c.end();
      await server.stop();
    }
  });

  it('terminates idle sessions with 57P01 when the ledger shuts down', async () => {
    const server = await startGatewayServer();
    const c = await connected(server);
    const ended = new Promise<{ code?: string }>((resolve) => c.on('error', (e: Error) => resolve(e as { code?: string })));
    await server.stop();
    expect((await ended).code).toBe('57P01');
  });

  const haveOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (haveOpenssl ? it : it.skip)('requires TLS when configured: plaintext refused, sslmode=require served', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-gw-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const server = await startGatewayServer({ tls: { mode: 'required', cert: fs.readFileSync(cert), key: fs.readFileSync(key) } });
    try {
      const plain = await psql(server, ['SELECT 1'], ['-A', '-t'], { PGSSLMODE: 'disable' });
      expect(plain.code).not.toBe(0);
      expect(plain.stderr).toContain('SSL is required');
      const secure = await psql(server, ['SELECT ssl_ok FROM (SELECT 1 AS ssl_ok)'], ['-A', '-t'], { PGSSLMODE: 'require' });
      expect(secure.stderr).toBe('');
      expect(secure.stdout.trim()).toBe('1');
      const c = await connected(server, { ssl: { rejectUnauthorized: false } });
      expect((await c.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
      await c.end();
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

});
