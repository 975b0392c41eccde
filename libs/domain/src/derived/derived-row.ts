import type { IsoDate } from '../time';
import type { ChainReport } from './chain-report';

// One `derived_daily` row (DOMAIN.md §1.3, §5.2) from a chain report, the close series and the stored IV history.

export interface DerivedDailyRow {
  symbol: string;
  date: IsoDate;
  spot: number;
  pc_oi: number | null;
  pc_vol: number | null;
  call_wall: number | null;
  put_wall: number | null;
  gamma_peak_strike: number | null;
  atm_iv_near: number | null;
  em_near_pct: number | null;
  skew_near_pp: number | null;
  rv_20d: number | null;
  rv_60d: number | null;
  iv_rv_20d: number | null;
  atm_iv_near_percentile: number | null;
  iv_term_slope: number | null;
}

/** The metric columns of `derived_daily` in table order (everything but the key and `updated_at`). */
export const DERIVED_METRIC_COLUMNS = [
  'spot',
  'pc_oi',
  'pc_vol',
  'call_wall',
  'put_wall',
  'gamma_peak_strike',
  'atm_iv_near',
  'em_near_pct',
  'skew_near_pp',
  'rv_20d',
  'rv_60d',
  'iv_rv_20d',
  'atm_iv_near_percentile',
  'iv_term_slope',
] as const satisfies readonly (keyof DerivedDailyRow)[];

export type DerivedMetricColumn = (typeof DERIVED_METRIC_COLUMNS)[number];

export interface DerivedRowInput {
  symbol: string;
  date: IsoDate;
  spot: number;
  report: ChainReport;
  /** Daily closes up to and including the as-of date, ascending (later candles are ignored). */
  closes: readonly { ts: IsoDate; close: number | null }[];
  /** Stored atm_iv_near values of the symbol for dates before the as-of date (nulls allowed). */
  priorAtmIvs: readonly (number | null)[];
}

const TRADING_DAYS_PER_YEAR = 252;

export function buildDerivedRow(input: DerivedRowInput): { row: DerivedDailyRow; warnings: string[] } {
  const { report } = input;
  const [near, second] = report.expiries;
  const warnings = near ? [...report.warnings] : ['missing_near_expiry', ...report.warnings];

  const closes = input.closes.filter((c) => c.ts <= input.date).map((c) => c.close);
  const rv20 = realizedVol(closes, 20);
  const rv60 = realizedVol(closes, 60);
  const atmIvNear = near?.atm_iv ?? null;
  const secondIv = second?.atm_iv ?? null;
  const history = input.priorAtmIvs.filter(isFiniteNumber);

  const row: DerivedDailyRow = {
    symbol: input.symbol,
    date: input.date,
    spot: input.spot,
    pc_oi: report.totals.pc_oi_ratio,
    pc_vol: report.totals.pc_volume_ratio,
    call_wall: report.walls.calls[0]?.strike ?? null,
    put_wall: report.walls.puts[0]?.strike ?? null,
    gamma_peak_strike: report.gamma.peak_strike,
    atm_iv_near: atmIvNear,
    em_near_pct: near?.expected_move_pct ?? null,
    skew_near_pp: near?.skew_25d_pp ?? null,
    rv_20d: rv20,
    rv_60d: rv60,
    iv_rv_20d: atmIvNear !== null && rv20 !== null && rv20 > 0 ? atmIvNear / rv20 : null,
    atm_iv_near_percentile: atmIvNear === null ? null : percentileRank(atmIvNear, [...history, atmIvNear]),
    iv_term_slope: atmIvNear !== null && secondIv !== null ? secondIv - atmIvNear : null,
  };
  return { row, warnings };
}

/**
 * Percentile rank (0–100) of `value` within `values`, which must contain it (non-finite entries are ignored): tied
 * values share the average of their 1-based ranks, then `(rank − 1) / (n − 1) × 100`; a population of one gives 100.
 */
export function percentileRank(value: number, values: readonly (number | null)[]): number {
  const population = values.filter(isFiniteNumber);
  const below = population.filter((v) => v < value).length;
  const equal = population.filter((v) => v === value).length;
  if (!Number.isFinite(value) || equal === 0) throw new RangeError(`percentileRank: ${value} is not among the values`);
  const n = population.length;
  if (n === 1) return 100;
  const rank = below + (equal + 1) / 2;
  return ((rank - 1) / (n - 1)) * 100;
}

/**
 * Annualised realised volatility: sample standard deviation (n − 1) of the last `window` daily log returns of `closes`
 * (ascending) × √252. Null unless the last `window` + 1 closes exist and are all positive.
 */
export function realizedVol(closes: readonly (number | null)[], window: number): number | null {
  if (!(Number.isInteger(window) && window >= 2)) throw new RangeError(`realizedVol: window must be an integer ≥ 2, got ${window}`);
  if (closes.length < window + 1) return null;
  const tail = closes.slice(-(window + 1));
  if (!tail.every((c): c is number => isFiniteNumber(c) && c > 0)) return null;
  const returns = tail.slice(1).map((c, i) => Math.log(c / tail[i]));
  const mean = returns.reduce((a, b) => a + b, 0) / window;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (window - 1);
  return Math.sqrt(variance) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}

function isFiniteNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
