import type { DuckDBConnection } from '@duckdb/node-api';
import {
  derivedSummary,
  PortalCandle,
  PortalCandles,
  PortalDerivedHistory,
  PortalDerivedRow,
  PortalDerivedSnippet,
  PortalSnapshotResponse,
  PortalStrikeRow,
} from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { isoSql, toNumber } from '../duckdb/sql-values';

// Symbol Explorer and Derived History reads (DOMAIN.md §10). Dates leave DuckDB as `YYYY-MM-DD` text and numbers
// as doubles, so nothing depends on DuckDB's value classes.

export const PORTAL_CANDLE_LIMIT = 365;
export const PORTAL_TOP_STRIKES = 15;
export const PORTAL_SNIPPET_ROWS = 120;
export const PORTAL_SNIPPET_RECENT = 10;
export const PORTAL_HISTORY_MAX_ROWS = 3000;

function num(value: unknown): number | null {
  const n = toNumber(value);
  return n !== null && Number.isFinite(n) ? n : null;
}

export async function portalSymbols(conn: DuckDBConnection): Promise<string[]> {
  const rows = await queryRows(
    conn,
    `SELECT symbol FROM candles_daily UNION SELECT symbol FROM options_snapshot_headers UNION SELECT symbol FROM derived_daily ORDER BY 1`,
  );
  return rows.map((r) => String(r['symbol']));
}

export async function portalCandles(conn: DuckDBConnection, symbol: string, limit = PORTAL_CANDLE_LIMIT): Promise<PortalCandles> {
  const rows = await queryRows(
    conn,
    `SELECT strftime(ts, '%Y-%m-%d') AS date, open::DOUBLE AS open, high::DOUBLE AS high, low::DOUBLE AS low, close::DOUBLE AS close,
            volume::DOUBLE AS volume
     FROM (SELECT * FROM candles_daily WHERE symbol = $1 AND interval = '1d'
           QUALIFY row_number() OVER (PARTITION BY ts ORDER BY auto_adjust DESC, back_adjust ASC) = 1
           ORDER BY ts DESC LIMIT ${Math.trunc(limit)})
     ORDER BY date`,
    [symbol],
  );
  const candles: PortalCandle[] = rows.map((r) => ({
    date: String(r['date']),
    open: num(r['open']),
    high: num(r['high']),
    low: num(r['low']),
    close: num(r['close']),
    volume: num(r['volume']),
  }));
  return { symbol, rows: candles, latest: candles[candles.length - 1] ?? null };
}

export async function portalSnapshot(conn: DuckDBConnection, symbol: string): Promise<PortalSnapshotResponse> {
  const [header] = await queryRows(
    conn,
    `SELECT symbol, snapshot_date, strftime(snapshot_date, '%Y-%m-%d') AS date, provider, spot::DOUBLE AS spot, contracts, ${isoSql('updated_at')}
     FROM options_snapshot_headers WHERE symbol = $1 ORDER BY snapshot_date DESC, updated_at DESC, provider LIMIT 1`,
    [symbol],
  );
  if (!header) return { symbol, snapshot: null };
  const key = [symbol, String(header['date']), String(header['provider'])];
  const rowsOf = `FROM options_snapshot_rows WHERE symbol = $1 AND snapshot_date = CAST($2 AS DATE) AND provider = $3`;
  const [totals] = await queryRows(
    conn,
    `SELECT count(*) AS contracts,
            coalesce(sum(open_interest), 0)::DOUBLE AS total_oi,
            coalesce(sum(open_interest) FILTER (WHERE option_type = 'call'), 0)::DOUBLE AS call_oi,
            coalesce(sum(open_interest) FILTER (WHERE option_type = 'put'), 0)::DOUBLE AS put_oi,
            coalesce(sum(volume), 0)::DOUBLE AS total_volume,
            avg(implied_volatility) FILTER (WHERE implied_volatility > 0)::DOUBLE AS avg_iv
     ${rowsOf}`,
    key,
  );
  const spot = num(header['spot']);
  // ATM: the row whose strike is nearest spot; ties by strike, then stored order.
  const [atm] = spot === null ? [] : await queryRows(
    conn,
    `SELECT strike::DOUBLE AS strike, implied_volatility::DOUBLE AS iv ${rowsOf} AND strike IS NOT NULL
     ORDER BY abs(strike - $4), strike, rowid LIMIT 1`,
    [...key, spot],
  );
  const strikes = await queryRows(
    conn,
    `SELECT strike::DOUBLE AS strike,
            coalesce(sum(open_interest) FILTER (WHERE option_type = 'call'), 0)::DOUBLE AS call_oi,
            coalesce(sum(open_interest) FILTER (WHERE option_type = 'put'), 0)::DOUBLE AS put_oi,
            coalesce(sum(open_interest), 0)::DOUBLE AS total_oi,
            coalesce(sum(volume), 0)::DOUBLE AS total_volume,
            avg(implied_volatility) FILTER (WHERE implied_volatility > 0)::DOUBLE AS avg_iv
     ${rowsOf} AND strike IS NOT NULL GROUP BY strike ORDER BY total_oi DESC, strike LIMIT ${PORTAL_TOP_STRIKES}`,
    key,
  );
  const callOi = num(totals?.['call_oi']) ?? 0;
  const putOi = num(totals?.['put_oi']) ?? 0;
  return {
    symbol,
    snapshot: {
      symbol,
      snapshot_date: String(header['date']),
      provider: String(header['provider']),
      updated_at: String(header['updated_at']),
      contracts: toNumber(totals?.['contracts']) ?? 0,
      spot,
      total_oi: num(totals?.['total_oi']) ?? 0,
      call_oi: callOi,
      put_oi: putOi,
      put_call_oi_ratio: callOi > 0 ? putOi / callOi : null,
      total_volume: num(totals?.['total_volume']) ?? 0,
      avg_iv: num(totals?.['avg_iv']),
      atm_iv: atm ? num(atm['iv']) : null,
      atm_strike: atm ? num(atm['strike']) : null,
      top_strikes: strikes.map(
        (r): PortalStrikeRow => ({
          strike: num(r['strike']) ?? 0,
          call_oi: num(r['call_oi']) ?? 0,
          put_oi: num(r['put_oi']) ?? 0,
          total_oi: num(r['total_oi']) ?? 0,
          total_volume: num(r['total_volume']) ?? 0,
          avg_iv: num(r['avg_iv']),
        }),
      ),
    },
  };
}

const DERIVED_COLUMNS = [
  'spot', 'pc_oi', 'pc_vol', 'call_wall', 'put_wall', 'gamma_peak_strike', 'atm_iv_near', 'em_near_pct', 'skew_near_pp',
  'rv_20d', 'rv_60d', 'iv_rv_20d', 'atm_iv_near_percentile', 'iv_term_slope',
] as const;
const DERIVED_SELECT = `strftime(date, '%Y-%m-%d') AS date, ${DERIVED_COLUMNS.map((c) => `${c}::DOUBLE AS ${c}`).join(', ')}`;

function mapDerived(r: Record<string, unknown>): PortalDerivedRow {
  const row: Record<string, unknown> = { date: String(r['date']) };
  for (const c of DERIVED_COLUMNS) row[c] = num(r[c]);
  return row as unknown as PortalDerivedRow;
}

/** The Symbol Explorer snippet: summary from the last 120 rows, the last 10 newest first. */
export async function portalDerivedSnippet(conn: DuckDBConnection, symbol: string): Promise<PortalDerivedSnippet> {
  const rows = (
    await queryRows(conn, `SELECT ${DERIVED_SELECT} FROM derived_daily WHERE symbol = $1 ORDER BY date DESC LIMIT ${PORTAL_SNIPPET_ROWS}`, [symbol])
  ).map(mapDerived);
  return { symbol, summary: derivedSummary(rows), recent_rows: rows.slice(0, PORTAL_SNIPPET_RECENT) };
}

/** Rows with date ≥ latest − (W − 1) days, oldest first, at most 3000 (the newest). */
export async function portalDerivedHistory(conn: DuckDBConnection, symbol: string, windowDays: number): Promise<PortalDerivedHistory> {
  const rows = (
    await queryRows(
      conn,
      `SELECT ${DERIVED_SELECT} FROM derived_daily
       WHERE symbol = $1 AND date >= (SELECT max(date) FROM derived_daily WHERE symbol = $1) - ${Math.trunc(windowDays) - 1}
       ORDER BY date DESC LIMIT ${PORTAL_HISTORY_MAX_ROWS + 1}`,
      [symbol],
    )
  ).map(mapDerived);
  const truncated = rows.length > PORTAL_HISTORY_MAX_ROWS;
  const kept = rows.slice(0, PORTAL_HISTORY_MAX_ROWS);
  const [latest] = kept;
  let start: string | null = null;
  if (latest) {
    const d = new Date(`${latest.date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - (Math.trunc(windowDays) - 1));
    start = d.toISOString().slice(0, 10);
  }
  return {
    symbol,
    window_days: windowDays,
    start_date: start,
    end_date: latest?.date ?? null,
    rows: [...kept].reverse(),
    truncated,
    summary: derivedSummary(kept),
  };
}

