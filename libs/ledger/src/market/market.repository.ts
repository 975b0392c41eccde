import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  CandleClose,
  CandleCoverage,
  OptionBarsMetaRecord,
  SaveSnapshotInput,
  SaveSnapshotResult,
  ReplaceFlowInput,
  UpsertContractsInput,
  UpsertContractsResult,
  WriteCandlesInput,
  WriteOptionBarsInput,
  WriteOptionBarsResult,
} from '@options-helper/domain';
import { bulkUpsert, StageValue } from '../bulk/bulk-upsert';
import { queryRows } from '../duckdb/duckdb-database';
import { isoSql, toNumber, toSqlTimestamp, toText } from '../duckdb/sql-values';
import { LedgerValidationError } from '../ledger.errors';
import { MARKET_TABLES, stageMarketRows } from '../tables/market-tables';
import {
  CANDLES_META_SPEC,
  OPTION_BARS_META_ERROR_SPEC,
  OPTION_BARS_META_SUCCESS_SPEC,
  OPTIONS_FLOW_SPEC,
  SNAPSHOT_HEADER_SPEC,
  SNAPSHOT_ROW_SPEC,
} from './market-specs';

// Market writes with their DOMAIN.md §1.7 semantics. `stage*` functions validate and shape the input
// (before it queues, so a bad request costs no transaction); `write*` functions run inside the write
// queue's transaction.

export function symbolOf(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new LedgerValidationError(field, 'is required');
  return value.trim().toUpperCase();
}

function arrayOf(field: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new LedgerValidationError(field, 'must be an array');
  return value;
}

// ---- candles ----

export interface StagedCandles {
  symbol: string;
  rows: StageValue[][];
  meta: StageValue[][];
}

export function stageCandles(input: WriteCandlesInput, now: Date): StagedCandles {
  const symbol = symbolOf('symbol', input.symbol);
  const interval = input.interval ?? '1d';
  const autoAdjust = input.auto_adjust ?? true;
  const backAdjust = input.back_adjust ?? false;
  const list = arrayOf('rows', input.rows) as Record<string, unknown>[];
  const rows = stageMarketRows(MARKET_TABLES['candles_daily']!, list, now, { symbol, interval, auto_adjust: autoAdjust, back_adjust: backAdjust });
  const tsIndex = MARKET_TABLES['candles_daily']!.columns.findIndex((c) => c.name === 'ts');
  const stamps = rows.map((r) => r[tsIndex] as string).sort();
  const meta: StageValue[][] = rows.length || input.max_backfill_complete
    ? [[symbol, interval, autoAdjust, backAdjust, toSqlTimestamp(now), rows.length, stamps[0] ?? null, stamps.at(-1) ?? null, input.max_backfill_complete ?? false]]
    : [];
  return { symbol, rows, meta };
}

export async function writeCandles(conn: DuckDBConnection, staged: StagedCandles): Promise<number> {
  await bulkUpsert(conn, MARKET_TABLES['candles_daily']!, staged.rows);
  await bulkUpsert(conn, CANDLES_META_SPEC, staged.meta);
  return staged.rows.length;
}

const ADJUSTED = `interval = '1d' AND auto_adjust AND NOT back_adjust`;

export async function candleCoverage(conn: DuckDBConnection, symbol: string): Promise<CandleCoverage> {
  const sym = symbolOf('symbol', symbol);
  const [r] = await queryRows(
    conn,
    `SELECT count(*) AS n, strftime(min(ts), '%Y-%m-%d') AS first_ts, strftime(max(ts), '%Y-%m-%d') AS last_ts,
            (SELECT coalesce(bool_or(max_backfill_complete), false) FROM candles_meta WHERE symbol = $1 AND ${ADJUSTED}) AS complete
     FROM candles_daily WHERE symbol = $1 AND ${ADJUSTED}`,
    [sym],
  );
  return {
    symbol: sym,
    rows: toNumber(r?.['n']) ?? 0,
    first_ts: toText(r?.['first_ts']),
    last_ts: toText(r?.['last_ts']),
    max_backfill_complete: r?.['complete'] === true,
  };
}

export async function candleCloses(conn: DuckDBConnection, symbol: string, start?: string | null, end?: string | null): Promise<CandleClose[]> {
  const sym = symbolOf('symbol', symbol);
  const params: unknown[] = [sym];
  let where = `symbol = $1 AND ${ADJUSTED}`;
  if (start) {
    params.push(start);
    where += ` AND ts >= CAST($${params.length} AS TIMESTAMP)`;
  }
  if (end) {
    params.push(end);
    where += ` AND ts <= CAST($${params.length} AS TIMESTAMP)`;
  }
  const rows = await queryRows(conn, `SELECT strftime(ts, '%Y-%m-%d') AS ts, close FROM candles_daily WHERE ${where} ORDER BY ts`, params);
  return rows.map((r) => ({ ts: String(r['ts']), close: toNumber(r['close']) }));
}

// ---- snapshot day ----

export interface StagedSnapshot {
  key: { symbol: string; snapshot_date: string; provider: string };
  header: StageValue[][];
  rows: StageValue[][];
}

export function stageSnapshot(input: SaveSnapshotInput, now: Date): StagedSnapshot {
  if (!input || typeof input !== 'object') throw new LedgerValidationError('body', 'must be {header, rows}');
  const header = input.header as unknown as Record<string, unknown>;
  if (!header || typeof header !== 'object') throw new LedgerValidationError('header', 'is required');
  const symbol = symbolOf('header.symbol', header['symbol']);
  const provider = typeof header['provider'] === 'string' ? header['provider'].trim().toLowerCase() : '';
  if (!provider) throw new LedgerValidationError('header.provider', 'is required');
  const spot = header['spot'];
  if (typeof spot !== 'number' || !(spot > 0)) throw new LedgerValidationError('header.spot', 'must be a number > 0');
  const list = arrayOf('rows', input.rows) as Record<string, unknown>[];
  // De-duplicate: by osi when present, else by contract symbol; the last one wins (DOMAIN.md §1.7). Both are stored
  // trimmed (a blank osi as null), so a stored day has at most one row per contract symbol and per osi — the flow
  // window's SQL (flow/flow-window.sql.ts) relies on that instead of de-duplicating 400k rows per run.
  const byKey = new Map<string, Record<string, unknown>>();
  list.forEach((row, i) => {
    if (typeof row !== 'object' || row === null) throw new LedgerValidationError(`rows[${i}]`, 'must be an object');
    const contract = typeof row['contract_symbol'] === 'string' ? row['contract_symbol'].trim() : '';
    if (!contract) throw new LedgerValidationError(`rows[${i}].contract_symbol`, 'is required');
    const osi = typeof row['osi'] === 'string' && row['osi'].trim() !== '' ? row['osi'].trim() : null;
    const key = osi ? `osi:${osi}` : `cs:${contract}`;
    byKey.delete(key);
    byKey.set(key, contract === row['contract_symbol'] && osi === (row['osi'] ?? null) ? row : { ...row, contract_symbol: contract, osi });
  });
  const unique = [...byKey.values()];
  const snapshotDate = header['snapshot_date'];
  const rows = stageMarketRows(SNAPSHOT_ROW_SPEC, unique, now, { symbol, snapshot_date: snapshotDate, provider });
  const headerRows = stageMarketRows(SNAPSHOT_HEADER_SPEC, [{ ...header, symbol, provider, contracts: rows.length, updated_at: now }], now);
  return { key: { symbol, snapshot_date: String(snapshotDate), provider }, header: headerRows, rows };
}

/** Replaces the whole (symbol, date, provider) snapshot: a re-run never duplicates. */
export async function saveSnapshot(conn: DuckDBConnection, staged: StagedSnapshot): Promise<SaveSnapshotResult> {
  const { symbol, snapshot_date, provider } = staged.key;
  const params = [symbol, snapshot_date, provider];
  await conn.run(`DELETE FROM options_snapshot_rows WHERE symbol = $1 AND snapshot_date = CAST($2 AS DATE) AND provider = $3`, params);
  await conn.run(`DELETE FROM options_snapshot_headers WHERE symbol = $1 AND snapshot_date = CAST($2 AS DATE) AND provider = $3`, params);
  await bulkUpsert(conn, SNAPSHOT_HEADER_SPEC, staged.header);
  await bulkUpsert(conn, SNAPSHOT_ROW_SPEC, staged.rows);
  return { symbol, snapshot_date, provider, contracts: staged.rows.length };
}

// ---- option contracts ----

export interface StagedContracts {
  contracts: StageValue[][];
  snapshots: StageValue[][];
}

export function stageContracts(input: UpsertContractsInput, now: Date): StagedContracts {
  const provider = typeof input?.provider === 'string' ? input.provider.trim().toLowerCase() : '';
  if (!provider) throw new LedgerValidationError('provider', 'is required');
  const list = arrayOf('contracts', input.contracts) as Record<string, unknown>[];
  const dims: Record<string, unknown>[] = [];
  const snaps: Record<string, unknown>[] = [];
  list.forEach((c, i) => {
    if (typeof c !== 'object' || c === null) throw new LedgerValidationError(`contracts[${i}]`, 'must be an object');
    const contract = typeof c['contract_symbol'] === 'string' ? c['contract_symbol'].trim() : '';
    if (!contract) throw new LedgerValidationError(`contracts[${i}].contract_symbol`, 'is required');
    const type = typeof c['option_type'] === 'string' ? c['option_type'].toLowerCase() : c['option_type'];
    const underlying = typeof c['underlying'] === 'string' ? c['underlying'].trim().toUpperCase() : c['underlying'];
    dims.push({ contract_symbol: contract, underlying, expiry: c['expiry'], option_type: type, strike: c['strike'], multiplier: c['multiplier'] ?? null, provider });
    const hasSnapshot = ['open_interest', 'open_interest_date', 'close_price', 'close_price_date', 'raw'].some((k) => c[k] !== undefined && c[k] !== null);
    if (hasSnapshot) {
      snaps.push({
        contract_symbol: contract,
        as_of_date: input.as_of_date,
        open_interest: c['open_interest'] ?? null,
        open_interest_date: c['open_interest_date'] ?? null,
        close_price: c['close_price'] ?? null,
        close_price_date: c['close_price_date'] ?? null,
        provider,
        raw_json: c['raw'] ?? null,
      });
    }
  });
  return {
    contracts: stageMarketRows(MARKET_TABLES['option_contracts']!, dims, now),
    snapshots: stageMarketRows(MARKET_TABLES['option_contract_snapshots']!, snaps, now),
  };
}

export async function upsertContracts(conn: DuckDBConnection, staged: StagedContracts): Promise<UpsertContractsResult> {
  await bulkUpsert(conn, MARKET_TABLES['option_contracts']!, staged.contracts);
  await bulkUpsert(conn, MARKET_TABLES['option_contract_snapshots']!, staged.snapshots);
  return { contracts: staged.contracts.length, snapshots: staged.snapshots.length };
}

// ---- option bars ----

export interface StagedOptionBars {
  bars: StageValue[][];
  success: StageValue[][];
  errors: StageValue[][];
}

const ERROR_STATUSES = new Set(['not_found', 'forbidden', 'error']);

export function stageOptionBars(input: WriteOptionBarsInput, now: Date): StagedOptionBars {
  const provider = typeof input?.provider === 'string' ? input.provider.trim().toLowerCase() : '';
  if (!provider) throw new LedgerValidationError('provider', 'is required');
  const interval = input.interval ?? '1d';
  const nowText = toSqlTimestamp(now);
  // De-duplicate on (contract, ts), the last one wins.
  const bars = new Map<string, Record<string, unknown>>();
  (arrayOf('bars', input.bars) as Record<string, unknown>[]).forEach((b, i) => {
    if (typeof b !== 'object' || b === null) throw new LedgerValidationError(`bars[${i}]`, 'must be an object');
    bars.set(`${String(b['contract_symbol'])}|${String(b['ts'])}`, { ...b, interval, provider });
  });
  const stagedBars = stageMarketRows(MARKET_TABLES['option_bars']!, [...bars.values()], now);
  const coverage = new Map<string, { rows: number; start: string; end: string }>();
  for (const b of bars.values()) {
    const c = String(b['contract_symbol']);
    const ts = String(b['ts']);
    const cur = coverage.get(c);
    if (!cur) coverage.set(c, { rows: 1, start: ts, end: ts });
    else coverage.set(c, { rows: cur.rows + 1, start: ts < cur.start ? ts : cur.start, end: ts > cur.end ? ts : cur.end });
  }
  const success = (arrayOf('success', input.success) as unknown[]).map((c, i): StageValue[] => {
    if (typeof c !== 'string' || !c.trim()) throw new LedgerValidationError(`success[${i}]`, 'must be a contract symbol');
    const cov = coverage.get(c.trim());
    return [c.trim(), interval, provider, 'ok', cov?.rows ?? 0, cov ? `${cov.start} 00:00:00` : null, cov ? `${cov.end} 00:00:00` : null, nowText, nowText, null, 0];
  });
  const errors = (arrayOf('errors', input.errors) as Record<string, unknown>[]).map((e, i): StageValue[] => {
    const c = typeof e?.['contract_symbol'] === 'string' ? e['contract_symbol'].trim() : '';
    if (!c) throw new LedgerValidationError(`errors[${i}].contract_symbol`, 'is required');
    if (!ERROR_STATUSES.has(String(e['status']))) throw new LedgerValidationError(`errors[${i}].status`, 'must be one of not_found, forbidden, error');
    return [c, interval, provider, String(e['status']), 0, null, null, null, nowText, String(e['error'] ?? ''), 1];
  });
  return { bars: stagedBars, success, errors };
}

export async function writeOptionBars(conn: DuckDBConnection, staged: StagedOptionBars): Promise<WriteOptionBarsResult> {
  await bulkUpsert(conn, MARKET_TABLES['option_bars']!, staged.bars);
  await bulkUpsert(conn, OPTION_BARS_META_SUCCESS_SPEC, staged.success);
  await bulkUpsert(conn, OPTION_BARS_META_ERROR_SPEC, staged.errors);
  return { bars: staged.bars.length, success: staged.success.length, errors: staged.errors.length };
}

export async function optionBarsMeta(conn: DuckDBConnection, provider: string, contracts: string[]): Promise<OptionBarsMetaRecord[]> {
  if (contracts.length === 0) return [];
  await conn.run('CREATE TEMP TABLE IF NOT EXISTS wanted_contracts (contract_symbol VARCHAR)');
  await conn.run('DELETE FROM wanted_contracts');
  const appender = await conn.createAppender('wanted_contracts', 'main', 'temp');
  for (const c of contracts) {
    appender.appendVarchar(c);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  const rows = await queryRows(
    conn,
    `SELECT m.contract_symbol, m.interval, m.provider, m.status, m.rows, ${isoSql('m.start_ts', 'start_ts')}, ${isoSql('m.end_ts', 'end_ts')},
            ${isoSql('m.last_success_at', 'last_success_at')}, ${isoSql('m.last_attempt_at', 'last_attempt_at')}, m.last_error, m.error_count
     FROM option_bars_meta m SEMI JOIN temp.wanted_contracts w USING (contract_symbol)
     WHERE m.provider = $1 AND m.interval = '1d' ORDER BY m.contract_symbol`,
    [provider.toLowerCase()],
  );
  return rows.map((r) => ({
    contract_symbol: String(r['contract_symbol']),
    interval: String(r['interval']),
    provider: String(r['provider']),
    status: String(r['status']) as OptionBarsMetaRecord['status'],
    rows: toNumber(r['rows']) ?? 0,
    start_ts: toText(r['start_ts']),
    end_ts: toText(r['end_ts']),
    last_success_at: toText(r['last_success_at']),
    last_attempt_at: toText(r['last_attempt_at']),
    last_error: toText(r['last_error']),
    error_count: toNumber(r['error_count']) ?? 0,
  }));
}

// ---- options flow ----

export interface StagedFlow {
  key: [string, string, string, number, string];
  rows: StageValue[][];
}

const FLOW_GROUP_BYS = ['contract', 'strike', 'expiry', 'expiry-strike'];

export function stageFlow(input: ReplaceFlowInput, now: Date): StagedFlow {
  const symbol = symbolOf('symbol', input?.symbol);
  if (!FLOW_GROUP_BYS.includes(String(input.group_by))) throw new LedgerValidationError('group_by', `must be one of ${FLOW_GROUP_BYS.join(', ')}`);
  if (!Number.isInteger(input.window_size) || input.window_size < 1) throw new LedgerValidationError('window_size', 'must be an integer >= 1');
  const fixed = { symbol, as_of: input.as_of, from_date: input.from_date, to_date: input.to_date, window_size: input.window_size, group_by: input.group_by, snapshot_dates_json: input.snapshot_dates, generated_at: input.generated_at };
  const rows = stageMarketRows(OPTIONS_FLOW_SPEC, arrayOf('rows', input.rows), now, fixed);
  return { key: [symbol, String(input.from_date), String(input.to_date), input.window_size, String(input.group_by)], rows };
}

/** Deletes the partition and inserts its rows, one transaction (DOMAIN.md §1.7). */
export async function replaceFlow(conn: DuckDBConnection, staged: StagedFlow): Promise<number> {
  await conn.run(
    `DELETE FROM options_flow WHERE symbol = $1 AND from_date = CAST($2 AS DATE) AND to_date = CAST($3 AS DATE) AND window_size = $4 AND group_by = $5`,
    staged.key,
  );
  await bulkUpsert(conn, OPTIONS_FLOW_SPEC, staged.rows);
  return staged.rows.length;
}
