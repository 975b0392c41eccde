import type { DuckDBConnection } from '@duckdb/node-api';
import {
  FlowGroupBy,
  FlowNetRow,
  flowRowKeys,
  FlowWindowResult,
  FlowWindowsRequest,
  FlowWindowsResult,
  fromEpochDay,
  IsoDate,
  isFlowGroupBy,
  isIsoDate,
} from '@options-helper/domain';
import { optionalTimestamp, toNumber, toSqlTimestamp } from '../duckdb/sql-values';
import { LedgerValidationError } from '../ledger.errors';
import { replaceFlow, stageFlow, symbolOf } from '../market/market.repository';
import { flowWindowNetSql } from './flow-window.sql';

// compute_flow's windows where the snapshots are. Issue 4's benchmark: moving ~440k snapshot rows into JavaScript cost
// 6–9× the SQL that aggregates them, and one statement per symbol about 2.5× one statement for all of them. The SQL
// is in flow-window.sql.ts; this file validates, runs it, persists and reads back the part of the answer asked for.

const NET_TABLE = 'flow_window_net';
const PARTS_TABLE = 'flow_window_partitions';
const MAX_TOP = 1000;
const MAX_WINDOWS = 500;

/** One symbol's window: its N+1 dates, oldest first. */
type Window = { symbol: string; dates: IsoDate[] };

export interface StagedFlowWindows {
  provider: string;
  groupBy: FlowGroupBy;
  windows: Window[];
  top: number;
  allRows: boolean;
  generatedAt: string | null;
}

/** Validates a request before it queues (a bad request costs no transaction); errors name the field. */
export function stageFlowWindows(input: FlowWindowsRequest): StagedFlowWindows {
  if (typeof input !== 'object' || input === null) throw new LedgerValidationError('body', 'must be an object');
  if (typeof input.provider !== 'string' || input.provider.trim() === '') throw new LedgerValidationError('provider', 'is required');
  if (!isFlowGroupBy(input.group_by)) throw new LedgerValidationError('group_by', `must be one of contract, strike, expiry, expiry-strike; got ${JSON.stringify(input.group_by)}`);
  if (!Number.isInteger(input.top) || input.top < 0 || input.top > MAX_TOP) throw new LedgerValidationError('top', `must be an integer from 0 to ${MAX_TOP}`);
  if (input.all_rows !== undefined && typeof input.all_rows !== 'boolean') throw new LedgerValidationError('all_rows', 'must be a boolean');
  let generatedAt: string | null = null;
  if (input.persist !== null) {
    if (typeof input.persist !== 'object' || input.persist === undefined) throw new LedgerValidationError('persist', 'must be null or {generated_at}');
    generatedAt = optionalTimestamp('persist.generated_at', input.persist.generated_at);
    if (generatedAt === null) throw new LedgerValidationError('persist.generated_at', 'is required');
  }
  if (!Array.isArray(input.windows) || input.windows.length > MAX_WINDOWS) throw new LedgerValidationError('windows', `must be an array of at most ${MAX_WINDOWS} windows`);
  const seen = new Set<string>();
  const windows = input.windows.map((w, k) => {
    const field = `windows[${k}]`;
    if (typeof w !== 'object' || w === null) throw new LedgerValidationError(field, 'must be an object');
    const symbol = symbolOf(`${field}.symbol`, w.symbol);
    // The statement receives the windows as SYMBOL|DATE entries joined by commas.
    if (/[,|]/.test(symbol)) throw new LedgerValidationError(`${field}.symbol`, 'must not contain "," or "|"');
    if (seen.has(symbol)) throw new LedgerValidationError(`${field}.symbol`, `${symbol} is listed twice`);
    seen.add(symbol);
    const dates = w.snapshot_dates;
    if (!Array.isArray(dates) || dates.length < 2 || dates.length > 31) throw new LedgerValidationError(`${field}.snapshot_dates`, 'must list 2 to 31 dates (a window of 1 to 30 pairs)');
    if (dates.length !== (input.windows[0]?.snapshot_dates?.length ?? 0)) throw new LedgerValidationError(`${field}.snapshot_dates`, 'must list as many dates as the first window (one window size per request)');
    dates.forEach((d, i) => {
      if (!isIsoDate(d)) throw new LedgerValidationError(`${field}.snapshot_dates[${i}]`, `must be a date YYYY-MM-DD, got ${JSON.stringify(d)}`);
      if (i > 0 && d <= (dates[i - 1] as string)) throw new LedgerValidationError(`${field}.snapshot_dates[${i}]`, 'must be later than the date before it (oldest first, no repeats)');
    });
    return { symbol, dates: [...dates] };
  });
  return { provider: input.provider, groupBy: input.group_by, windows, top: input.top, allRows: input.all_rows === true, generatedAt };
}

/**
 * Computes the windows' net rows in one DuckDB statement and, when asked, replaces each symbol's options_flow partition
 * with them (§4.5). With persist it must run inside the write queue's transaction (deletes and inserts commit together).
 */
export async function computeFlowWindows(conn: DuckDBConnection, req: StagedFlowWindows, now: Date): Promise<FlowWindowsResult> {
  const results = new Map<string, FlowWindowResult>();
  for (const w of req.windows) {
    results.set(w.symbol, { symbol: w.symbol, from_date: w.dates[0] as IsoDate, to_date: w.dates[w.dates.length - 1] as IsoDate, snapshot_dates: w.dates, empty_dates: [], calls_delta_oi_notional: 0, puts_delta_oi_notional: 0, net_row_count: 0, rows_written: 0, net: [] });
  }
  const output = (): FlowWindowsResult => ({ windows: req.windows.map((w) => results.get(w.symbol) as FlowWindowResult) });
  if (req.windows.length === 0) return output();

  // §4.1: a window with an empty snapshot day is skipped whole. The header counts its day's rows (saveSnapshot writes
  // both in one transaction), so the check reads the small table.
  const present = await conn.runAndReadAll(
    `SELECT symbol, strftime(snapshot_date, '%Y-%m-%d') FROM options_snapshot_headers
     WHERE provider = $1 AND snapshot_date BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE) AND symbol IN (SELECT unnest(string_split($4, ',')))
       AND contracts > 0`,
    [req.provider, ...dateRange(req.windows), symbolList(req.windows)],
  );
  const days = new Set(present.getRows().map((r) => `${String(r[0])}|${String(r[1])}`));
  const full = req.windows.filter((w) => {
    const empty = w.dates.filter((d) => !days.has(`${w.symbol}|${d}`));
    (results.get(w.symbol) as FlowWindowResult).empty_dates = empty;
    return empty.length === 0;
  });
  if (full.length === 0) return output();

  const persisting = req.generatedAt !== null;
  const entries = full.flatMap((w) => w.dates.map((d) => `${w.symbol}|${d}`)).join(',');
  await conn.run(flowWindowNetSqlFor(req.groupBy, persisting), [req.provider, entries, ...dateRange(full), symbolList(full)]);
  try {
    const totals = await conn.runAndReadAll(
      `SELECT symbol,
              coalesce(sum(delta_oi_notional) FILTER (WHERE option_type = 'call'), 0),
              coalesce(sum(delta_oi_notional) FILTER (WHERE option_type = 'put'), 0),
              count(*) FILTER (WHERE keep),
              ${persisting ? 'count(DISTINCT row_key) FILTER (WHERE keep)' : '0'}
       FROM ${NET_TABLE} GROUP BY symbol`,
    );
    const collisions = new Set<string>();
    for (const r of totals.getRows()) {
      const result = results.get(String(r[0])) as FlowWindowResult;
      result.calls_delta_oi_notional = toNumber(r[1]) ?? 0;
      result.puts_delta_oi_notional = toNumber(r[2]) ?? 0;
      result.net_row_count = toNumber(r[3]) ?? 0;
      if (persisting && (toNumber(r[4]) ?? 0) !== result.net_row_count) collisions.add(result.symbol);
    }
    if (req.generatedAt !== null) await persist(conn, req, full, collisions, results, now);
    const limit = req.allRows ? null : req.top;
    for (const [symbol, rows] of await netRows(conn, limit, null)) (results.get(symbol) as FlowWindowResult).net = rows;
    return output();
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${NET_TABLE}`);
  }
}

/** The earliest and latest date of the windows: a range DuckDB can push into its scans. */
function dateRange(windows: Window[]): [IsoDate, IsoDate] {
  return dateBounds(windows.flatMap((w) => w.dates));
}

/** The least and greatest of validated dates (YYYY-MM-DD, safe to write into SQL). */
function dateBounds(dates: IsoDate[]): [IsoDate, IsoDate] {
  const sorted = [...dates].sort();
  return [sorted[0] as IsoDate, sorted[sorted.length - 1] as IsoDate];
}

/** The symbols joined by commas (validated to contain none). */
function symbolList(windows: Window[]): string {
  return windows.map((w) => w.symbol).join(',');
}

async function persist(
  conn: DuckDBConnection,
  req: StagedFlowWindows,
  windows: Window[],
  collisions: Set<string>,
  results: Map<string, FlowWindowResult>,
  now: Date,
): Promise<void> {
  const size = (windows[0]?.dates.length ?? 1) - 1;
  const partition = (w: Window) => ({ symbol: w.symbol, from: w.dates[0] as IsoDate, to: w.dates[w.dates.length - 1] as IsoDate });
  const simple = windows.filter((w) => !collisions.has(w.symbol));
  if (simple.length > 0) {
    const spec = simple.map((w) => {
      const p = partition(w);
      return `${p.symbol}|${p.from}|${p.to}|${JSON.stringify(w.dates)}`;
    });
    // One partition per line of $1: SYMBOL|FROM|TO|["dates",…] (JSON has no "|", symbols were checked for it).
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ${PARTS_TABLE} AS
       SELECT split_part(e, '|', 1) AS symbol, CAST(split_part(e, '|', 2) AS DATE) AS from_date, CAST(split_part(e, '|', 3) AS DATE) AS to_date,
              CAST(split_part(e, '|', 4) AS JSON) AS dates FROM (SELECT unnest(string_split($1, chr(10))) AS e)`,
      [spec.join('\n')],
    );
    try {
      // Constant bounds on the partition dates let DuckDB skip options_flow's row groups by their min/max (rows arrive
      // in date order), so finding a partition does not read the whole history.
      const [fromLo, fromHi] = dateBounds(simple.map((w) => w.dates[0] as IsoDate));
      const [toLo, toHi] = dateBounds(simple.map((w) => w.dates[w.dates.length - 1] as IsoDate));
      const bounded = `f.from_date BETWEEN DATE '${fromLo}' AND DATE '${fromHi}' AND f.to_date BETWEEN DATE '${toLo}' AND DATE '${toHi}'`;
      const target = `options_flow f JOIN ${PARTS_TABLE} p ON f.symbol = p.symbol AND f.from_date = p.from_date AND f.to_date = p.to_date
                      AND f.window_size = $1 AND f.group_by = $2 AND ${bounded}`;
      const stored = await conn.runAndReadAll(`SELECT count(*) FROM ${target}`, [size, req.groupBy]);
      const merging = (toNumber(stored.getRows()[0]?.[0]) ?? 0) > 0;
      if (merging) {
        // The partition is replaced whole, but as a merge: deleting a key and inserting it again in one transaction
        // costs DuckDB's indexes ~50× an in-place update (measured: 77k rows, 4.6 s against 91 ms), and a daily re-run
        // rewrites the same keys. Rows whose key is gone, or whose indexed columns (as_of, expiry) change, are deleted;
        // rows whose key stays are updated in place; new keys are inserted. Same result, one transaction.
        const same = `n.keep AND n.symbol = f.symbol AND n.row_key = f.row_key`;
        await conn.run(
          `DELETE FROM options_flow WHERE rowid IN (
             SELECT f.rowid FROM ${target}
             WHERE NOT EXISTS (SELECT 1 FROM ${NET_TABLE} n WHERE ${same} AND n.expiry IS NOT DISTINCT FROM f.expiry AND p.to_date = f.as_of))`,
          [size, req.groupBy],
        );
        await conn.run(
          `UPDATE options_flow f SET contract_symbol = n.contract_symbol, option_type = n.option_type, strike = n.strike,
                  delta_oi = n.delta_oi, delta_oi_notional = n.delta_oi_notional, volume_notional = n.volume_notional,
                  delta_notional = n.delta_notional, n_pairs = n.n_pairs, snapshot_dates_json = p.dates,
                  generated_at = CAST($3 AS TIMESTAMP), updated_at = CAST($4 AS TIMESTAMP)
           FROM ${NET_TABLE} n, ${PARTS_TABLE} p
           WHERE ${same} AND f.symbol = p.symbol AND f.from_date = p.from_date AND f.to_date = p.to_date AND f.window_size = $1 AND f.group_by = $2
             AND ${bounded}`,
          [size, req.groupBy, req.generatedAt, toSqlTimestamp(now)],
        );
      }
      // New partitions (the daily case: the window moved) skip the anti-join against what is stored.
      await conn.run(
        `INSERT INTO options_flow (symbol, as_of, from_date, to_date, window_size, group_by, row_key, contract_symbol, expiry, option_type, strike,
                                   delta_oi, delta_oi_notional, volume_notional, delta_notional, n_pairs, snapshot_dates_json, generated_at, updated_at)
         SELECT n.symbol, p.to_date, p.from_date, p.to_date, $1, $2, n.row_key, n.contract_symbol, n.expiry, n.option_type, n.strike,
                n.delta_oi, n.delta_oi_notional, n.volume_notional, n.delta_notional, n.n_pairs, p.dates, CAST($3 AS TIMESTAMP), CAST($4 AS TIMESTAMP)
         FROM ${NET_TABLE} n JOIN ${PARTS_TABLE} p ON p.symbol = n.symbol
         WHERE n.keep${merging ? ` AND NOT EXISTS (
           SELECT 1 FROM options_flow f WHERE f.symbol = n.symbol AND f.from_date = p.from_date AND f.to_date = p.to_date
             AND f.window_size = $1 AND f.group_by = $2 AND f.row_key = n.row_key AND ${bounded})` : ''}`,
        [size, req.groupBy, req.generatedAt, toSqlTimestamp(now)],
      );
    } finally {
      await conn.run(`DROP TABLE IF EXISTS ${PARTS_TABLE}`);
    }
    for (const w of simple) {
      const result = results.get(w.symbol) as FlowWindowResult;
      result.rows_written = result.net_row_count;
    }
  }
  // A key and its |{position} fallback both taken (flowRowKeys increments until unique): rare enough to do in JS.
  for (const w of windows.filter((x) => collisions.has(x.symbol))) {
    const p = partition(w);
    const net = (await netRows(conn, null, w.symbol)).get(w.symbol) ?? [];
    const keys = flowRowKeys(net, req.groupBy);
    const staged = stageFlow(
      { symbol: p.symbol, as_of: p.to, from_date: p.from, to_date: p.to, window_size: size, group_by: req.groupBy, snapshot_dates: w.dates, generated_at: req.generatedAt as string, rows: net.map((r, i) => ({ row_key: keys[i] as string, ...r })) },
      now,
    );
    (results.get(w.symbol) as FlowWindowResult).rows_written = await replaceFlow(conn, staged);
  }
}

/** The net rows by symbol in §4.3 order; `limit` null reads them all, `symbol` null every symbol. */
async function netRows(conn: DuckDBConnection, limit: number | null, symbol: string | null): Promise<Map<string, FlowNetRow[]>> {
  const out = new Map<string, FlowNetRow[]>();
  if (limit === 0) return out;
  const where = [`keep`, ...(limit === null ? [] : [`position < ${limit}`]), ...(symbol === null ? [] : [`symbol = $1`])].join(' AND ');
  const reader = await conn.runAndReadAll(
    `SELECT symbol, contract_symbol, CAST(date_diff('day', DATE '1970-01-01', expiry) AS INTEGER) AS expiry, option_type, strike,
            delta_oi, delta_oi_notional, volume_notional, delta_notional, CAST(n_pairs AS DOUBLE) AS n_pairs
     FROM ${NET_TABLE} WHERE ${where} ORDER BY symbol, position`,
    symbol === null ? [] : [symbol],
  );
  for (const r of reader.getRows()) {
    const key = String(r[0]);
    let rows = out.get(key);
    if (rows === undefined) out.set(key, (rows = []));
    rows.push({
      contract_symbol: r[1] as string | null,
      expiry: r[2] === null ? null : fromEpochDay(r[2] as number),
      option_type: r[3] as FlowNetRow['option_type'],
      strike: r[4] as number | null,
      delta_oi: r[5] as number,
      delta_oi_notional: r[6] as number,
      volume_notional: r[7] as number,
      delta_notional: r[8] as number,
      n_pairs: r[9] as number,
    });
  }
  return out;
}

const SQL_BY_GROUP = new Map<string, string>();

function flowWindowNetSqlFor(groupBy: FlowGroupBy, withRowKeys: boolean): string {
  const id = `${groupBy}:${withRowKeys}`;
  let sql = SQL_BY_GROUP.get(id);
  if (sql === undefined) {
    sql = flowWindowNetSql(NET_TABLE, groupBy, withRowKeys);
    SQL_BY_GROUP.set(id, sql);
  }
  return sql;
}
