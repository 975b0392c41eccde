import { percentileRank } from '../derived/derived-row';
import { IsoDate, toEpochDay } from '../time';

// Technicals for the briefing (DOMAIN.md §6.3): Wilder ATR, SMA, extension and its percentile, Wilder RSI and the
// weekly trend, computed from daily candles in ascending date order.

export interface TechnicalsConfig {
  atr_window: number;
  sma_window: number;
  rsi_window: number;
  /** Sessions the extension percentile ranks today's value among (today included). */
  extension_percentile_window: number;
  /** Weeks of the weekly-close SMA the trend compares with. */
  weekly_sma_weeks: number;
}

export const DEFAULT_TECHNICALS_CONFIG: TechnicalsConfig = Object.freeze({
  atr_window: 14,
  sma_window: 20,
  rsi_window: 14,
  extension_percentile_window: 252,
  weekly_sma_weeks: 10,
});

export interface TechnicalsCandle {
  ts: IsoDate;
  high: number | null;
  low: number | null;
  close: number | null;
}

export type WeeklyTrend = 'up' | 'down' | 'flat';

export interface Technicals {
  as_of: IsoDate;
  close: number;
  atr: number | null;
  sma: number | null;
  /** (close − SMA) / ATR. */
  extension_atr: number | null;
  /** Percentile rank (0–100) of today's extension among the last `extension_percentile_window` sessions. */
  extension_percentile: number | null;
  rsi: number | null;
  weekly_trend: WeeklyTrend | null;
  warnings: string[];
}

/** Merges a partial config (e.g. `config/technicals.json`) over the defaults; a bad value is an error naming it. */
export function parseTechnicalsConfig(raw: unknown): TechnicalsConfig {
  const out: TechnicalsConfig = { ...DEFAULT_TECHNICALS_CONFIG };
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('technicals config: must be a JSON object');
  for (const key of Object.keys(DEFAULT_TECHNICALS_CONFIG) as (keyof TechnicalsConfig)[]) {
    const v = (raw as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 2) throw new Error(`technicals config: $.${key} must be an integer ≥ 2`);
    out[key] = v;
  }
  return out;
}

/** Simple moving average of the last `n` values; null when fewer than `n`. */
export function sma(values: readonly number[], n: number): number | null {
  if (values.length < n) return null;
  return values.slice(-n).reduce((a, b) => a + b, 0) / n;
}

/**
 * Wilder ATR series (same length as `candles`, null until defined): TR_i = max(H − L, |H − C_{i−1}|, |L − C_{i−1}|)
 * for i ≥ 1; the first ATR (at index n) is the mean of TR_1..TR_n, then ATR_i = (ATR_{i−1} × (n − 1) + TR_i) / n.
 */
export function wilderAtrSeries(candles: readonly { high: number; low: number; close: number }[], n: number): (number | null)[] {
  const out: (number | null)[] = candles.map(() => null);
  let atr: number | null = null;
  let sum = 0;
  for (let i = 1; i < candles.length; i++) {
    const c = candles[i] as { high: number; low: number; close: number };
    const prev = (candles[i - 1] as { close: number }).close;
    const tr = Math.max(c.high - c.low, Math.abs(c.high - prev), Math.abs(c.low - prev));
    if (atr === null) {
      sum += tr;
      if (i === n) atr = sum / n;
    } else atr = (atr * (n - 1) + tr) / n;
    out[i] = atr;
  }
  return out;
}

/**
 * Wilder RSI of the last close: average gain and loss over the first n changes, then Wilder smoothing;
 * RSI = 100 − 100 / (1 + gain / loss); no losses ⇒ 100 (no change at all ⇒ 50). Null with fewer than n + 1 closes.
 */
export function wilderRsi(closes: readonly number[], n: number): number | null {
  if (closes.length < n + 1) return null;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = (closes[i] as number) - (closes[i - 1] as number);
    gain += Math.max(d, 0);
    loss += Math.max(-d, 0);
  }
  gain /= n;
  loss /= n;
  for (let i = n + 1; i < closes.length; i++) {
    const d = (closes[i] as number) - (closes[i - 1] as number);
    gain = (gain * (n - 1) + Math.max(d, 0)) / n;
    loss = (loss * (n - 1) + Math.max(-d, 0)) / n;
  }
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}

/** Monday-based week number of a date (1970-01-05 was a Monday). */
function weekOf(d: IsoDate): number {
  return Math.floor((toEpochDay(d) - 4) / 7);
}

/**
 * Weekly trend: the last close of each week vs the `weeks`-week SMA of those closes — `up` when above it and the
 * SMA rose since the previous week, `down` when below and falling, else `flat`; null with fewer than weeks + 1 weeks.
 */
export function weeklyTrend(daily: readonly { ts: IsoDate; close: number }[], weeks: number): WeeklyTrend | null {
  const weekly: number[] = [];
  let current: number | null = null;
  for (const c of daily) {
    const w = weekOf(c.ts);
    if (w !== current) weekly.push(c.close);
    else weekly[weekly.length - 1] = c.close;
    current = w;
  }
  if (weekly.length < weeks + 1) return null;
  const now = sma(weekly, weeks) as number;
  const before = sma(weekly.slice(0, -1), weeks) as number;
  const last = weekly[weekly.length - 1] as number;
  if (last > now && now > before) return 'up';
  if (last < now && now < before) return 'down';
  return 'flat';
}

/** Technicals of the last candle on or before `asOf` (all candles when omitted); null when no usable candle. */
export function computeTechnicals(candles: readonly TechnicalsCandle[], config: TechnicalsConfig = DEFAULT_TECHNICALS_CONFIG, asOf?: IsoDate): Technicals | null {
  const usable = candles
    .filter((c) => (asOf === undefined || c.ts <= asOf) && [c.high, c.low, c.close].every((v) => typeof v === 'number' && Number.isFinite(v)))
    .map((c) => ({ ts: c.ts, high: c.high as number, low: c.low as number, close: c.close as number }))
    .sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const last = usable.at(-1);
  if (!last) return null;
  const closes = usable.map((c) => c.close);
  const atrs = wilderAtrSeries(usable, config.atr_window);
  const extensions = usable.map((_, i) => {
    const atr = atrs[i];
    const mean = sma(closes.slice(0, i + 1), config.sma_window);
    return atr !== null && atr !== undefined && atr > 0 && mean !== null ? ((closes[i] as number) - mean) / atr : null;
  });
  const atr = atrs.at(-1) ?? null;
  const mean = sma(closes, config.sma_window);
  const extension = extensions.at(-1) ?? null;
  const warnings: string[] = [];
  if (atr === null) warnings.push(`atr_needs_${config.atr_window + 1}_sessions`);
  if (mean === null) warnings.push(`sma_needs_${config.sma_window}_sessions`);
  return {
    as_of: last.ts,
    close: last.close,
    atr,
    sma: mean,
    extension_atr: extension,
    extension_percentile: extension === null ? null : percentileRank(extension, extensions.slice(-config.extension_percentile_window)),
    rsi: wilderRsi(closes, config.rsi_window),
    weekly_trend: weeklyTrend(usable, config.weekly_sma_weeks),
    warnings,
  };
}
