import { fillEventSessions } from './event-sessions.fill';
import { DuckDbDatabase } from '../duckdb/duckdb-database';
import { loadMigrationFiles } from '../migrations/migration-files';
import { migrate } from '../migrations/migration-runner';

export interface LargeLedgerOptions {
  /** Runs in meta.ingestion_runs (1M for the portal benchmark). */
  runs: number;
  /** Asset events per producer run (default 3). */
  eventsPerRun?: number;
  /** Symbols with market data (default 20; the first is SPY). */
  symbols?: number;
  /** Snapshot dates and flow as-of dates per symbol for the first five symbols (default 60). */
  snapshotDays?: number;
  /** Contracts per snapshot (default 400). */
  contracts?: number;
  now?: Date;
}

export interface LargeLedgerSummary {
  runs: number;
  events: number;
  checks: number;
  watermarks: number;
  candles: number;
  snapshot_rows: number;
  flow_rows: number;
  derived_rows: number;
}

const JOBS = ['ingest_candles', 'ingest_options_bars', 'snapshot_options', 'compute_flow', 'compute_derived', 'build_briefing', 'build_dashboard'];
const ASSETS = ['candles_daily', 'option_bars', 'options_snapshots', 'options_flow', 'derived_daily', 'briefing_markdown', 'dashboard_view'];

/**
 * A migrated ledger file shaped like a long-lived installation, built in bulk SQL (portal benchmarks, PORTAL-UI's
 * Health page benchmark): `runs` runs over the last 400 days, where every 8th run is a `daily_graph` parent and the
 * other seven are its job runs (parent_run_id set, ~3% failed); events per job run on its session; one check per run
 * (~2% failing); watermarks per asset and symbol; and market tables (candles, snapshots, flow, derived) for a few
 * symbols. Deterministic for a given `now`.
 */
export async function buildLargeLedger(file: string, options: LargeLedgerOptions): Promise<LargeLedgerSummary> {
  const runs = Math.max(8, Math.trunc(options.runs));
  const perRun = options.eventsPerRun ?? 3;
  const symbols = options.symbols ?? 20;
  const days = options.snapshotDays ?? 60;
  const contracts = options.contracts ?? 400;
  const now = options.now ?? new Date();
  const nowSql = `TIMESTAMP '${now.toISOString().replace('T', ' ').replace('Z', '')}'`;
  const today = `DATE '${now.toISOString().slice(0, 10)}'`;
  const jobs = `[${JOBS.map((j) => `'${j}'`).join(',')}]`;
  const assets = `[${ASSETS.map((a) => `'${a}'`).join(',')}]`;
  const sym = (expr: string) => `CASE WHEN ${expr} = 0 THEN 'SPY' ELSE 'S' || lpad(CAST(${expr} AS VARCHAR), 3, '0') END`;
  const db = await DuckDbDatabase.open(file);
  try {
    const conn = await db.writer();
    await migrate(conn, loadMigrationFiles());
    // Runs: group g = i // 8 started at one instant per group, newest first; member k = i % 8 (0 = parent).
    await conn.run(`CREATE TEMP TABLE seed_runs AS
      SELECT i, i // 8 AS g, i % 8 AS k,
             ${nowSql} - INTERVAL ((i // 8) * 400 * 86400 // ${Math.ceil(runs / 8)}) SECOND + INTERVAL (i % 8) SECOND AS started_at
      FROM range(${runs}) t(i)`);
    await conn.run(`INSERT INTO meta.ingestion_runs BY NAME
      SELECT 'run-' || lpad(CAST(i AS VARCHAR), 8, '0') AS run_id,
             CASE WHEN k = 0 THEN NULL ELSE 'run-' || lpad(CAST(g * 8 AS VARCHAR), 8, '0') END AS parent_run_id,
             CASE WHEN k = 0 THEN 'daily_graph' ELSE ${jobs}[k] END AS job_name,
             CASE WHEN g % 10 = 0 THEN 'backfill' WHEN g % 17 = 0 THEN 'api' ELSE 'schedule' END AS triggered_by,
             CASE WHEN i % 33 = 5 THEN 'failed' ELSE 'success' END AS status,
             started_at, started_at + INTERVAL 4 SECOND AS ended_at, 4000 AS duration_ms, 'synthetic' AS provider, 'duckdb' AS storage_backend,
             CASE WHEN k = 0 THEN '{"partition":"' || strftime(started_at, '%Y-%m-%d') || '"}' ELSE '{"as_of":"' || strftime(started_at, '%Y-%m-%d') || '","attempt":1}' END AS args_json,
             CASE WHEN i % 33 = 5 THEN 'ProviderError' END AS error_type,
             CASE WHEN i % 33 = 5 THEN 'provider failed for SYM' || (i % 5) END AS error_message,
             CASE WHEN i % 33 = 5 THEN 'hash-' || (i % 5) END AS error_stack_hash
      FROM seed_runs`);
    await conn.run(`INSERT INTO meta.ingestion_run_assets BY NAME
      SELECT 'run-' || lpad(CAST(r.i AS VARCHAR), 8, '0') AS run_id, ${assets}[r.k] AS asset_key,
             CASE WHEN r.k = 6 THEN 'file' WHEN r.k = 7 THEN 'view' ELSE 'table' END AS asset_kind,
             CASE WHEN r.k >= 6 THEN strftime(r.started_at, '%Y-%m-%d') ELSE ${sym('(r.g + e.j) % 20')} END AS partition_key,
             CASE WHEN r.i % 33 = 5 THEN 'failed' WHEN e.j = 2 AND r.g % 50 = 0 THEN 'skipped' ELSE 'success' END AS status,
             250 AS rows_inserted, CAST(r.started_at AS DATE) AS min_event_ts, CAST(r.started_at AS DATE) AS max_event_ts,
             r.started_at AS started_at, r.started_at + INTERVAL 1 SECOND AS ended_at, 1000 AS duration_ms
      FROM seed_runs r, range(${perRun}) e(j) WHERE r.k > 0 AND (r.k < 6 OR e.j = 0)`);
    // Events inserted here skip the ledger's write path, so their session and seen-at columns come from the rule
    // migration 006 applies to events written before it.
    await fillEventSessions(conn);
    await conn.run(`INSERT INTO meta.asset_checks BY NAME
      SELECT 'chk-' || lpad(CAST(i AS VARCHAR), 8, '0') AS check_id, ${assets}[greatest(k, 1)] AS asset_key, ${sym('g % 20')} AS partition_key,
             'seed_check_' || greatest(k, 1) AS check_name, CASE WHEN i % 2 = 0 THEN 'error' ELSE 'warn' END AS severity,
             CASE WHEN i % 50 = 3 THEN 'fail' ELSE 'pass' END AS status, started_at + INTERVAL 5 SECOND AS checked_at,
             '{"rows_checked":250}' AS metrics_json, CASE WHEN i % 50 = 3 THEN 'seeded failure' END AS message,
             'run-' || lpad(CAST(i AS VARCHAR), 8, '0') AS run_id
      FROM seed_runs`);
    await conn.run(`INSERT INTO meta.asset_watermarks BY NAME
      SELECT a.asset_key, CASE WHEN s.n < 0 THEN 'ALL' ELSE ${sym('s.n')} END AS scope_key,
             ${nowSql} - INTERVAL (CASE WHEN s.n < 0 THEN 1 ELSE 1 + (s.n * 7 + a.idx) % 15 END) DAY AS watermark_ts,
             ${nowSql} AS updated_at, 'run-00000001' AS last_run_id
      FROM (SELECT ${assets}[idx + 1] AS asset_key, idx FROM range(${ASSETS.length}) t(idx)) a, range(-1, 50) s(n)`);
    // Market tables: weekday candles for ~6 years, derived rows per weekday, snapshots and flow for the first five symbols.
    await conn.run(`CREATE TEMP TABLE seed_days AS
      SELECT d::DATE AS d, row_number() OVER (ORDER BY d) AS n FROM range(${today} - INTERVAL 2200 DAY, ${today}, INTERVAL 1 DAY) t(d)
      WHERE dayofweek(d) BETWEEN 1 AND 5`);
    await conn.run(`INSERT INTO candles_daily BY NAME
      SELECT ${sym('s.n')} AS symbol, '1d' AS interval, true AS auto_adjust, false AS back_adjust, CAST(d.d AS TIMESTAMP) AS ts,
             100 + s.n + 20 * sin(d.n / 40.0) AS open, 101 + s.n + 20 * sin(d.n / 40.0) AS high, 99 + s.n + 20 * sin(d.n / 40.0) AS low,
             100.5 + s.n + 20 * sin(d.n / 40.0) AS close, 1e6 + (d.n % 97) * 1000 AS volume
      FROM seed_days d, range(${symbols}) s(n)`);
    await conn.run(`INSERT INTO derived_daily BY NAME
      SELECT ${sym('s.n')} AS symbol, d.d AS date, ${nowSql} AS updated_at, 100.5 + s.n + 20 * sin(d.n / 40.0) AS spot,
             0.8 + (d.n % 10) / 50.0 AS pc_oi, 0.9 + (d.n % 7) / 40.0 AS pc_vol, 110.0 + s.n AS call_wall, 90.0 + s.n AS put_wall, 100.0 + s.n AS gamma_peak_strike,
             0.2 + (d.n % 13) / 100.0 AS atm_iv_near, 0.03 AS em_near_pct, 2.5 AS skew_near_pp, 0.18 AS rv_20d, 0.19 AS rv_60d,
             (0.2 + (d.n % 13) / 100.0) / 0.18 AS iv_rv_20d, (d.n * 37) % 101 AS atm_iv_near_percentile, 0.01 AS iv_term_slope
      FROM seed_days d, range(${symbols}) s(n) WHERE d.n > (SELECT max(n) FROM seed_days) - 1200`);
    const snapSymbols = Math.min(5, symbols);
    await conn.run(`CREATE TEMP TABLE seed_snap_days AS SELECT d, n FROM seed_days WHERE n > (SELECT max(n) FROM seed_days) - ${days}`);
    await conn.run(`INSERT INTO options_snapshot_headers BY NAME
      SELECT ${sym('s.n')} AS symbol, d.d AS snapshot_date, 'synthetic' AS provider, 100.5 + s.n + 20 * sin(d.n / 40.0) AS spot,
             ${contracts} AS contracts, ${nowSql} AS updated_at
      FROM seed_snap_days d, range(${snapSymbols}) s(n)`);
    await conn.run(`INSERT INTO options_snapshot_rows BY NAME
      SELECT ${sym('s.n')} AS symbol, d.d AS snapshot_date, 'synthetic' AS provider,
             ${sym('s.n')} || strftime(d.d + CAST(30 + (c.k // 100) * 30 AS INTEGER), '%y%m%d') || CASE WHEN c.k % 2 = 0 THEN 'C' ELSE 'P' END || lpad(CAST((50 + (c.k % 100)) * 1000 AS VARCHAR), 8, '0') AS contract_symbol,
             CASE WHEN c.k % 2 = 0 THEN 'call' ELSE 'put' END AS option_type, d.d + CAST(30 + (c.k // 100) * 30 AS INTEGER) AS expiry,
             CAST(50 + (c.k % 100) + s.n AS DOUBLE) AS strike, 1.0 AS bid, 1.2 AS ask, 1.1 AS last_price,
             (c.k * 7 + d.n) % 500 AS volume, 1000 + (c.k * 13 + d.n * 3) % 5000 AS open_interest,
             0.15 + (c.k % 20) / 100.0 AS implied_volatility, 'provider' AS iv_source, 0.5 AS delta
      FROM seed_snap_days d, range(${snapSymbols}) s(n), range(${contracts}) c(k)`);
    await conn.run(`INSERT INTO options_flow BY NAME
      SELECT ${sym('s.n')} AS symbol, d.d AS as_of, d.d - 1 AS from_date, d.d AS to_date, 1 AS window_size, g.group_by,
             g.group_by || '|' || r.k AS row_key, CASE WHEN r.k % 2 = 0 THEN 'call' ELSE 'put' END AS option_type,
             CAST(50 + r.k AS DOUBLE) AS strike, d.d + 30 AS expiry, (r.k % 41) - 20 AS delta_oi,
             ((r.k % 41) - 20) * 110.0 AS delta_oi_notional, (r.k % 23) * 500.0 AS volume_notional, ((r.k % 41) - 20) * 55.0 AS delta_notional,
             1 AS n_pairs, ${nowSql} AS generated_at, ${nowSql} AS updated_at
      FROM seed_snap_days d, range(${snapSymbols}) s(n), (SELECT unnest(['contract','strike','expiry','expiry-strike']) AS group_by) g, range(200) r(k)`);
    await conn.run('CHECKPOINT');
    const count = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0);
    return {
      runs: await count('SELECT count(*) FROM meta.ingestion_runs'),
      events: await count('SELECT count(*) FROM meta.ingestion_run_assets'),
      checks: await count('SELECT count(*) FROM meta.asset_checks'),
      watermarks: await count('SELECT count(*) FROM meta.asset_watermarks'),
      candles: await count('SELECT count(*) FROM candles_daily'),
      snapshot_rows: await count('SELECT count(*) FROM options_snapshot_rows'),
      flow_rows: await count('SELECT count(*) FROM options_flow'),
      derived_rows: await count('SELECT count(*) FROM derived_daily'),
    };
  } finally {
    db.close();
  }
}
