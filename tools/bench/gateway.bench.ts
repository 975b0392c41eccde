import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Query } from 'pg';
import { Ledger } from '@options-helper/ledger';
import { tempDir } from '@options-helper/ledger/testing';
import { freePort, spawnLedgerProcess, waitForExit } from '@options-helper/ledger-client/testing';
import { upsertUser } from '@options-helper/pg-gateway';
import { latency, latencySamples, log, round, summarizeLatency, timeIt } from './bench-stats';

// Issue 8 benchmark: the Postgres gateway against a local PostgreSQL 15 holding the same data and against
// DuckDB in-process. Targets: scan ≥ 0.3M rows/s and ≥ half of PostgreSQL's rate; point-query p50 within
// 1 ms of direct DuckDB.

const PG_BIN = '/usr/lib/postgresql/15/bin';
const USER = 'bench';
const PASSWORD = 'bench-password';

/** Runs a PostgreSQL binary as the `postgres` system user when we are root (initdb refuses root). */
function asPostgres(bin: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const root = process.getuid?.() === 0;
  const cmd = root ? 'runuser' : path.join(PG_BIN, bin);
  const full = root ? ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args] : args;
  return execFileSync(cmd, full, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

interface Postgres {
  port: number;
  stop(): void;
}

async function startPostgres(rows: number): Promise<Postgres | null> {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    log('PostgreSQL 15 server binaries not found; skipping the PostgreSQL comparison (apt-get install postgresql)');
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-bench-pg-'));
  fs.chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  asPostgres('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const stop = () => {
    spawnSync(process.getuid?.() === 0 ? 'runuser' : path.join(PG_BIN, 'pg_ctl'), process.getuid?.() === 0 ? ['-u', 'postgres', '--', path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop'] : ['-D', data, '-m', 'fast', '-w', 'stop']);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const c = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await c.connect();
    await c.query(`CREATE TABLE bench_scan (id BIGINT PRIMARY KEY, ts TIMESTAMP, price DOUBLE PRECISION, symbol TEXT)`);
    await c.query(`INSERT INTO bench_scan SELECT i, TIMESTAMP '2024-01-01' + i * INTERVAL '1 second', (i % 1000) / 10.0, 'SYM' || (i % 500) FROM generate_series(0, ${rows - 1}) i`);
    await c.query('VACUUM ANALYZE bench_scan');
    await c.end();
    return { port, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

type PgConfig = ConstructorParameters<typeof Client>[0];

const SCAN_SQL = 'SELECT id, ts, price, symbol FROM bench_scan';

/**
 * How the client consumes the scan. `streamed`: each row is parsed and handed to a 'row' listener, none is kept, as a
 * client reading a million rows should. `accumulated`: node-postgres keeps all rows in one array, and the client then
 * spends about 40% of its time in V8's garbage collector and 25% parsing timestamps into Dates (CPU profile), so that
 * mode measures the client's heap more than either server.
 */
type ScanMode = 'streamed' | 'accumulated';

async function scanOnce(c: Client, mode: ScanMode): Promise<number> {
  if (mode === 'accumulated') return (await c.query({ text: SCAN_SQL, rowMode: 'array' })).rowCount ?? 0;
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    const config = { text: SCAN_SQL, rowMode: 'array' }; // @types/pg's Query constructor does not declare rowMode
    const query = c.query(new Query(config));
    query.on('row', () => rows++);
    query.on('end', () => resolve());
    query.on('error', reject);
  });
  return rows;
}

/**
 * The scan, repeated: the first full pass also warms node-postgres's parser up (JIT), so the report keeps every pass
 * and rates the best one, for the gateway and PostgreSQL alike.
 */
async function scan(config: PgConfig, passes: number, mode: ScanMode): Promise<{ rows: number; seconds: number; rows_per_second: number; seconds_all: number[] }> {
  const c = new Client(config);
  await c.connect();
  try {
    await c.query({ text: `${SCAN_SQL} LIMIT 1000`, rowMode: 'array' }); // warm-up
    const all: number[] = [];
    let rows = 0;
    for (let i = 0; i < passes; i++) {
      const { ms, value } = await timeIt(() => scanOnce(c, mode));
      all.push(ms);
      rows = value;
    }
    const best = Math.min(...all);
    return { rows, seconds: round(best / 1000, 3), rows_per_second: Math.round(rows / (best / 1000)), seconds_all: all.map((ms) => round(ms / 1000, 3)) };
  } finally {
    await c.end();
  }
}

/**
 * The server side alone: a loopback socket that speaks just enough protocol (trust login, one simple query)
 * and counts DataRow messages without decoding them, so the client library is not the bottleneck.
 */
async function rawWireScan(port: number): Promise<{ rows: number; seconds: number; rows_per_second: number }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const params = Buffer.from('user\0bench\0database\0ledger\0\0');
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + params.length, 0);
  startup.writeInt32BE(196_608, 4);
  let buffer: Buffer = Buffer.alloc(0);
  let rows = 0;
  let readyCount = 0;
  let onReady: () => void = () => undefined;
  socket.on('data', (d: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, d]) : d;
    let o = 0;
    while (buffer.length - o >= 5) {
      const len = buffer.readInt32BE(o + 1);
      if (buffer.length - o < len + 1) break;
      const type = buffer[o];
      if (type === 0x44) rows++;
      if (type === 0x5a) {
        readyCount++;
        onReady();
      }
      o += len + 1;
    }
    buffer = buffer.subarray(o);
  });
  const ready = (n: number) => new Promise<void>((resolve) => {
    onReady = () => readyCount >= n && resolve();
    onReady();
  });
  socket.write(Buffer.concat([startup, params]));
  await ready(1);
  const sql = Buffer.from('SELECT id, ts, price, symbol FROM bench_scan\0');
  const q = Buffer.alloc(5);
  q.write('Q');
  q.writeInt32BE(4 + sql.length, 1);
  const { ms } = await timeIt(async () => {
    socket.write(Buffer.concat([q, sql]));
    await ready(2);
  });
  socket.destroy();
  return { rows, seconds: round(ms / 1000, 3), rows_per_second: Math.round(rows / (ms / 1000)) };
}

const POINT_SQL = 'SELECT price FROM bench_scan WHERE id = $1';
const pointId = (i: number, rows: number) => (i * 7919) % rows;

/** The i-th point query through node-postgres, as a prepared statement named 'point' or unnamed. */
function queryPoint(c: Client, i: number, rows: number, statement: 'named' | 'unnamed') {
  return c.query({ ...(statement === 'named' ? { name: 'point' } : {}), text: POINT_SQL, values: [pointId(i, rows)] });
}

/**
 * Point queries with a parameter. `named`: a prepared statement, parsed once per connection. `unnamed`: the same text
 * parsed again on every call, as most drivers send a parameterised query (node-postgres without a name, pgjdbc below its
 * prepare threshold, Go's lib/pq), so the gateway's read-only check runs each time.
 */
async function pointLatency(config: PgConfig, count: number, rows: number, statement: 'named' | 'unnamed') {
  const c = new Client(config);
  await c.connect();
  let i = 0;
  try {
    return await latency(count, 200, () => queryPoint(c, i++, rows, statement));
  } finally {
    await c.end();
  }
}

/**
 * The point-query comparison: the same prepared statement in-process (on a copy of the file, since the gateway's ledger
 * holds the original) and through the gateway, in alternating blocks, so that both see the same machine. This VM's
 * speed drifts by tens of percent over minutes; measured one after the other, the drift landed in the difference.
 */
async function pointComparison(gateway: PgConfig, directFile: string, count: number, rows: number, rounds: number) {
  const direct = await Ledger.open({ path: directFile });
  const client = new Client(gateway);
  await client.connect();
  try {
    return await direct.db.read(async (conn) => {
      const prepared = await conn.prepare(POINT_SQL);
      try {
        let i = 0;
        let j = 0;
        const viaDuckDb = async () => {
          prepared.bind([BigInt(pointId(i++, rows))]);
          return (await prepared.runAndReadAll()).getRows();
        };
        const viaGateway = () => queryPoint(client, j++, rows, 'named');
        const duckdbSamples: number[] = [];
        const gatewaySamples: number[] = [];
        const perRound = Math.ceil(count / rounds);
        for (let round = 0; round < rounds; round++) {
          // A fresh ledger process takes a few thousand queries to reach its steady latency (V8 optimising the session's
          // code; measured 2.1 → 1.1 ms p50 over the first 6,000), so the first round warms both sides up well.
          const warmup = round === 0 ? 3000 : 20;
          duckdbSamples.push(...(await latencySamples(perRound, warmup, viaDuckDb)));
          gatewaySamples.push(...(await latencySamples(perRound, warmup, viaGateway)));
        }
        return { duckdb: summarizeLatency(duckdbSamples), gateway: summarizeLatency(gatewaySamples) };
      } finally {
        prepared.destroySync();
      }
    });
  } finally {
    await client.end();
    await direct.close();
  }
}

/** pgbench TPS; spawned asynchronously so that this process's event loop stays free while it runs. */
async function pgbenchTps(env: NodeJS.ProcessEnv, dir: string, seconds: number, rows: number): Promise<number | null> {
  const script = path.join(dir, 'point.sql');
  fs.writeFileSync(script, `\\set id random(0, ${rows - 1})\nSELECT price FROM bench_scan WHERE id = :id;\n`);
  const child = spawn('pgbench', ['-n', '-M', 'prepared', '-f', script, '-c', '4', '-j', '2', '-T', String(seconds)], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!m) log(`pgbench failed: ${stderr}${stdout}`);
  return m ? round(Number(m[1]), 1) : null;
}

export async function gatewayBenchmark(options: { quick?: boolean } = {}) {
  const rows = options.quick ? 200_000 : 1_000_000;
  const pointCount = options.quick ? 500 : 2000;
  const scanPasses = 3;
  const dir = tempDir('oh-bench-gateway-');
  const file = path.join(dir, 'bench.duckdb');
  const credentials = path.join(dir, 'credentials.json');
  upsertUser(credentials, USER, PASSWORD);
  let postgres: Postgres | null = null;
  let ledgerProcess: Awaited<ReturnType<typeof spawnLedgerProcess>> | null = null;
  try {
    log(`loading ${rows} rows into a ledger file`);
    const ledger = await Ledger.open({ path: file });
    let duckdbScan: { rows: number; seconds: number; rows_per_second: number };
    try {
      await ledger.queue.enqueue(async (conn) => {
        await conn.run('CREATE TABLE bench_scan (id BIGINT PRIMARY KEY, ts TIMESTAMP, price DOUBLE, symbol VARCHAR)');
        await conn.run(`INSERT INTO bench_scan SELECT i, TIMESTAMP '2024-01-01' + i * INTERVAL 1 SECOND, (i % 1000) / 10.0, 'SYM' || (i % 500) FROM range(${rows}) t(i)`);
      });
      log('duckdb in-process: scan');
      duckdbScan = await ledger.db.read(async (conn) => {
        const { ms, value } = await timeIt(async () => {
          const result = await conn.stream(SCAN_SQL);
          let n = 0;
          for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) n += chunk.getRows().length;
          return n;
        });
        return { rows: value, seconds: round(ms / 1000, 3), rows_per_second: Math.round(value / (ms / 1000)) };
      });
    } finally {
      await ledger.close();
    }
    const directFile = path.join(dir, 'direct.duckdb');
    fs.copyFileSync(file, directFile);
    if (fs.existsSync(`${file}.wal`)) fs.copyFileSync(`${file}.wal`, `${directFile}.wal`);

    // The gateway runs in a real ledger process, as in production (a client in this process would steal its CPU).
    const port = await freePort();
    ledgerProcess = await spawnLedgerProcess(file, {
      OPTIONS_HELPER_GATEWAY_PORT: String(port),
      OPTIONS_HELPER_GATEWAY_CREDENTIALS: credentials,
      OPTIONS_HELPER_GATEWAY_MAX_ROWS: '0',
      OPTIONS_HELPER_GATEWAY_MAX_BYTES: '0',
      OPTIONS_HELPER_GATEWAY_TRUST: 'true', // loopback only; lets the raw-wire client skip SCRAM
    });
    const gw = { host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'ledger' };
    log('gateway: raw wire scan (no client decoding)');
    const wireScan = await rawWireScan(port);
    log('gateway: scans to node-postgres');
    const gatewayScan = await scan(gw, scanPasses, 'streamed');
    const gatewayScanAccumulated = await scan(gw, scanPasses, 'accumulated');
    log('point queries: duckdb in-process and the gateway, alternating');
    const points = await pointComparison(gw, directFile, pointCount, rows, 5);
    const gatewayPoint = points.gateway;
    const duckdbPoint = points.duckdb;
    log('gateway: unnamed point queries');
    const gatewayPointUnnamed = await pointLatency(gw, pointCount, rows, 'unnamed');
    const pgbenchSeconds = options.quick ? 5 : 10;
    log('gateway: pgbench');
    const gatewayTps = await pgbenchTps({ PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: USER, PGPASSWORD: PASSWORD, PGDATABASE: 'ledger' }, dir, pgbenchSeconds, rows);
    ledgerProcess.child.kill('SIGTERM');
    await waitForExit(ledgerProcess.child);
    ledgerProcess = null;

    let pg: Record<string, unknown> | null = null;
    try {
      log('postgresql 15: start and load');
      postgres = await startPostgres(rows);
    } catch (error) {
      log(`postgresql comparison skipped: ${(error as Error).message}`);
    }
    if (postgres) {
      const pgConfig = { host: '127.0.0.1', port: postgres.port, user: 'postgres', database: 'postgres' };
      log('postgresql 15: scan, point queries, pgbench');
      pg = {
        scan: await scan(pgConfig, scanPasses, 'streamed'),
        scan_accumulated: await scan(pgConfig, scanPasses, 'accumulated'),
        point_query: await pointLatency(pgConfig, pointCount, rows, 'named'),
        point_query_unnamed: await pointLatency(pgConfig, pointCount, rows, 'unnamed'),
        pgbench_point_tps: await pgbenchTps({ PGHOST: '127.0.0.1', PGPORT: String(postgres.port), PGUSER: 'postgres', PGDATABASE: 'postgres' }, dir, pgbenchSeconds, rows),
      };
    }
    const rateOf = (key: string) => (pg?.[key] as { rows_per_second: number } | undefined)?.rows_per_second ?? null;
    const pgScanRate = rateOf('scan');
    const pgScanAccumulatedRate = rateOf('scan_accumulated');
    return {
      rows,
      gateway: {
        scan: gatewayScan,
        scan_accumulated: gatewayScanAccumulated,
        wire_scan_without_client_decoding: wireScan,
        point_query: gatewayPoint,
        point_query_unnamed: gatewayPointUnnamed,
        pgbench_point_tps: gatewayTps,
      },
      duckdb_in_process: { scan: duckdbScan, point_query: duckdbPoint },
      postgresql_15: pg,
      targets: {
        // Rated on the streamed scan (see ScanMode); the accumulated one is reported beside it for both servers.
        scan_at_least_300k_rows_per_second: gatewayScan.rows_per_second >= 300_000,
        scan_at_least_half_of_postgresql: pgScanRate === null ? null : gatewayScan.rows_per_second >= pgScanRate / 2,
        point_p50_within_1ms_of_duckdb: gatewayPoint.p50_ms - duckdbPoint.p50_ms <= 1,
        informational: {
          scan_accumulated_at_least_300k_rows_per_second: gatewayScanAccumulated.rows_per_second >= 300_000,
          scan_accumulated_at_least_half_of_postgresql: pgScanAccumulatedRate === null ? null : gatewayScanAccumulated.rows_per_second >= pgScanAccumulatedRate / 2,
          point_unnamed_p50_over_duckdb_ms: round(gatewayPointUnnamed.p50_ms - duckdbPoint.p50_ms),
        },
      },
    };
  } finally {
    if (ledgerProcess) {
      ledgerProcess.child.kill('SIGKILL');
      await waitForExit(ledgerProcess.child);
    }
    postgres?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
