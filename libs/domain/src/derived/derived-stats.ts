import type { IsoDate } from '../time';
import type { DerivedDailyRow, DerivedMetricColumn } from './derived-row';
import { DERIVED_METRIC_COLUMNS, percentileRank } from './derived-row';

// `derived stats` (DOMAIN.md §5.3): where each stored metric sits in its recent history, and where it is heading.

export type TrendDirection = 'up' | 'down' | 'flat';

export interface DerivedMetricStats {
  name: DerivedMetricColumn;
  value: number | null;
  percentile: number | null;
  /** How many values the percentile window holds (the last W non-null values up to the as-of). */
  percentile_n: number;
  trend_direction: TrendDirection | null;
  /** How many values the trend window holds (the last T non-null values up to the as-of). */
  trend_n: number;
  trend_delta: number | null;
  trend_delta_pct: number | null;
}

export interface DerivedStatsReport {
  schema_version: 1;
  symbol: string;
  as_of: IsoDate;
  window: number;
  trend_window: number;
  metrics: DerivedMetricStats[];
  warnings: string[];
}

export interface DerivedStatsInput {
  symbol: string;
  asOf: IsoDate;
  rows: readonly DerivedDailyRow[];
  window?: number;
  trendWindow?: number;
}

const FLAT_EPSILON = 1e-12;

export function derivedStats(input: DerivedStatsInput): DerivedStatsReport {
  const window = input.window ?? 60;
  const trendWindow = input.trendWindow ?? 5;
  if (!(Number.isInteger(window) && window >= 1)) throw new RangeError(`derived stats: window must be an integer ≥ 1, got ${window}`);
  if (!(Number.isInteger(trendWindow) && trendWindow >= 1)) throw new RangeError(`derived stats: trend window must be an integer ≥ 1, got ${trendWindow}`);

  const rows = [...input.rows].filter((r) => r.date <= input.asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const asOfRow = rows[rows.length - 1];
  if (asOfRow === undefined || asOfRow.date !== input.asOf) {
    throw new Error(`derived stats: no derived row for ${input.symbol} on ${input.asOf}`);
  }

  const metrics = DERIVED_METRIC_COLUMNS.map((name): DerivedMetricStats => {
    const series = rows.map((r) => r[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const raw = asOfRow[name];
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    const ranked = series.slice(-window);
    const trend = series.slice(-trendWindow);
    const first = trend[0];
    const last = trend[trend.length - 1];
    const hasTrend = value !== null && trend.length >= 2;
    const delta = hasTrend ? last - first : null;
    return {
      name,
      value,
      percentile: value === null ? null : percentileRank(value, ranked),
      percentile_n: ranked.length,
      trend_direction: delta === null ? null : Math.abs(delta) <= FLAT_EPSILON ? 'flat' : delta > 0 ? 'up' : 'down',
      trend_n: trend.length,
      trend_delta: delta,
      trend_delta_pct: delta !== null && first !== 0 ? (delta / Math.abs(first)) * 100 : null,
    };
  });

  return { schema_version: 1, symbol: input.symbol, as_of: input.asOf, window, trend_window: trendWindow, metrics, warnings: [] };
}
