import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addDays,
  ChainReportRow,
  DERIVED_METRIC_COLUMNS,
  DerivedDailyRow,
  ContractQuote,
  EarningsCalendar,
  IsoDate,
  parseConfluenceConfig,
  parseEarningsCalendar,
  parseTechnicalsConfig,
  ConfluenceConfig,
  TechnicalsCandle,
  TechnicalsConfig,
  QuoteQuality,
} from '@options-helper/domain';
import { queryAll } from '../checks/checks-runner';
import type { JobContext } from '../runner/job.types';
import { readJsonFile } from '../util/atomic-write';

// Data access for build_briefing: snapshot headers and rows, candles, stored derived rows, the config files.

export type BriefingRow = ChainReportRow & ContractQuote & { osi: string | null; contract_symbol: string };

export interface SnapshotHeader {
  date: IsoDate;
  spot: number | null;
  quality: QuoteQuality;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function snapshotHeaders(ctx: JobContext, symbol: string): Promise<SnapshotHeader[]> {
  const rows = await queryAll(
    ctx.ledger,
    `SELECT strftime(snapshot_date, '%Y-%m-%d') AS d, spot, contracts, missing_bid_ask_count, missing_bid_ask_pct, spread_pct_median, spread_pct_worst, stale_quotes, stale_pct
     FROM options_snapshot_headers WHERE symbol = $1 AND provider = $2 ORDER BY snapshot_date`,
    [symbol, ctx.provider.name],
  );
  return rows.map((r) => ({
    date: String(r['d']),
    spot: num(r['spot']),
    quality: {
      contracts: num(r['contracts']),
      missing_bid_ask_count: num(r['missing_bid_ask_count']),
      missing_bid_ask_pct: num(r['missing_bid_ask_pct']),
      spread_pct_median: num(r['spread_pct_median']),
      spread_pct_worst: num(r['spread_pct_worst']),
      stale_quotes: num(r['stale_quotes']),
      stale_pct: num(r['stale_pct']),
    },
  }));
}

export async function snapshotRowsFor(ctx: JobContext, symbol: string, date: IsoDate): Promise<BriefingRow[]> {
  const rows = await queryAll(
    ctx.ledger,
    `SELECT contract_symbol, osi, option_type, strftime(expiry, '%Y-%m-%d') AS expiry, strike, bid, ask, last_price, volume, open_interest,
            implied_volatility, delta, gamma, theta_per_day, vega
     FROM options_snapshot_rows WHERE symbol = $1 AND provider = $2 AND snapshot_date = CAST($3 AS DATE) ORDER BY contract_symbol`,
    [symbol, ctx.provider.name, date],
  );
  return rows as unknown as BriefingRow[];
}

/** Daily candles (adjusted `1d`) up to the as-of, enough history for the 252-session percentile and weekly SMA. */
export async function technicalsCandles(ctx: JobContext, symbol: string, asOf: IsoDate, sessions: number): Promise<TechnicalsCandle[]> {
  const rows = await queryAll(
    ctx.ledger,
    `SELECT strftime(ts, '%Y-%m-%d') AS ts, high, low, close FROM candles_daily
     WHERE symbol = $1 AND interval = '1d' AND auto_adjust AND NOT back_adjust AND ts <= CAST($2 AS DATE) AND ts >= CAST($3 AS DATE) ORDER BY ts`,
    // Calendar days that surely hold `sessions` sessions (≈ 1.45 calendar days per session, plus holidays).
    [symbol, asOf, addDays(asOf, -(Math.ceil(sessions * 1.6) + 30))],
  );
  return rows.map((r) => ({ ts: String(r['ts']), high: num(r['high']), low: num(r['low']), close: num(r['close']) }));
}

export async function storedDerivedRow(ctx: JobContext, symbol: string, date: IsoDate): Promise<DerivedDailyRow | null> {
  const rows = await queryAll(
    ctx.ledger,
    `SELECT symbol, strftime(date, '%Y-%m-%d') AS date, ${DERIVED_METRIC_COLUMNS.join(', ')} FROM derived_daily WHERE symbol = $1 AND date = CAST($2 AS DATE) ORDER BY symbol`,
    [symbol, date],
  );
  return (rows[0] as unknown as DerivedDailyRow | undefined) ?? null;
}

export interface BriefingConfig {
  technicals: TechnicalsConfig;
  confluence: ConfluenceConfig;
  /** The technicals config file read, or null when the defaults were used. */
  technicalsPath: string | null;
  earnings: EarningsCalendar;
}

/** `config/technicals.json` and `config/confluence.json` under `configDir` (defaults when absent), `earnings.json`. */
export function loadBriefingConfig(configDir: string, earningsPath: string): BriefingConfig {
  const technicalsPath = path.join(configDir, 'technicals.json');
  return {
    technicals: parseTechnicalsConfig(readJsonFile(technicalsPath, null)),
    confluence: parseConfluenceConfig(readJsonFile(path.join(configDir, 'confluence.json'), null)),
    technicalsPath: fs.existsSync(technicalsPath) ? technicalsPath : null,
    earnings: parseEarningsCalendar(readJsonFile(earningsPath, {}), earningsPath),
  };
}
