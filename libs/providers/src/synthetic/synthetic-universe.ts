import { SeededRandom } from './synthetic-random';

/** Shape of the volatility smile: index products carry a much steeper put skew than single stocks. */
export type SkewShape = 'index' | 'stock';

/** Everything the simulator needs to know about one underlying. */
export interface UnderlyingProfile {
  symbol: string;
  /** Close on `ANCHOR_DATE`: the walk is scaled so it passes exactly through this level. */
  level: number;
  /** Long-run annual volatility (the walk's average; implied vols sit a little above it). */
  vol: number;
  /** Annual log drift of the trend the walk reverts to: sets how much lower prices were in 2015. */
  drift: number;
  /** Average daily share volume. */
  avgVolume: number;
  /** Weekly (Friday) expiries besides the monthlies. */
  weeklies: boolean;
  skew: SkewShape;
  /** Typical daily volume of a near-term at-the-money contract. */
  optionVolume: number;
  /** Relative half-spread of an at-the-money quote. */
  spreadBase: number;
  /** Typical open interest of a popular near-the-money monthly contract. */
  openInterest: number;
}

type Row = [level: number, vol: number, drift: number, avgVolume: number, weeklies: boolean, skew: SkewShape, optionVolume: number, spreadBase: number, openInterest: number];

// Reference levels are round late-2026 figures, after the splits of 2024–2025 (NVDA 10:1, WMT 3:1, NFLX 10:1).
// The drifts are chosen so the 2015 end of the walk lands near where each name traded then (split-adjusted).
const W = true;
const M = false;
const KNOWN: Record<string, Row> = {
  SPY: [600, 0.15, 0.08, 70e6, W, 'index', 20000, 0.002, 60000],
  QQQ: [520, 0.2, 0.12, 45e6, W, 'index', 12000, 0.003, 40000],
  IWM: [225, 0.22, 0.05, 30e6, W, 'index', 8000, 0.004, 40000],
  DIA: [440, 0.14, 0.07, 3e6, W, 'index', 800, 0.01, 6000],
  AAPL: [230, 0.27, 0.18, 55e6, W, 'stock', 8000, 0.005, 40000],
  MSFT: [450, 0.25, 0.18, 22e6, W, 'stock', 4000, 0.006, 20000],
  NVDA: [150, 0.5, 0.35, 250e6, W, 'stock', 12000, 0.005, 60000],
  AMZN: [210, 0.32, 0.15, 40e6, W, 'stock', 6000, 0.006, 30000],
  GOOGL: [180, 0.3, 0.15, 30e6, W, 'stock', 4000, 0.007, 25000],
  META: [650, 0.38, 0.18, 15e6, W, 'stock', 4000, 0.008, 15000],
  TSLA: [350, 0.55, 0.25, 100e6, W, 'stock', 15000, 0.005, 50000],
  AMD: [150, 0.5, 0.22, 50e6, W, 'stock', 6000, 0.007, 30000],
  NFLX: [100, 0.38, 0.15, 40e6, W, 'stock', 3000, 0.008, 15000],
  PLTR: [150, 0.65, 0.3, 80e6, W, 'stock', 8000, 0.008, 40000],
  JPM: [280, 0.24, 0.12, 10e6, M, 'stock', 1500, 0.01, 10000],
  BAC: [48, 0.28, 0.08, 40e6, M, 'stock', 2500, 0.01, 30000],
  XOM: [115, 0.25, 0.05, 16e6, M, 'stock', 1500, 0.01, 12000],
  KO: [70, 0.16, 0.05, 14e6, M, 'stock', 800, 0.012, 10000],
  DIS: [115, 0.28, 0.02, 10e6, M, 'stock', 1500, 0.01, 12000],
  INTC: [25, 0.45, -0.02, 60e6, M, 'stock', 3000, 0.012, 40000],
  BA: [200, 0.38, 0.03, 8e6, M, 'stock', 2000, 0.01, 10000],
  WMT: [100, 0.2, 0.14, 18e6, M, 'stock', 1200, 0.01, 12000],
  COST: [950, 0.22, 0.18, 2e6, M, 'stock', 500, 0.015, 3000],
  V: [340, 0.2, 0.13, 7e6, M, 'stock', 800, 0.012, 6000],
  UNH: [320, 0.3, 0.12, 8e6, M, 'stock', 1500, 0.012, 10000],
  GLD: [350, 0.16, 0.08, 9e6, M, 'stock', 1500, 0.008, 15000],
  TLT: [90, 0.14, 0, 30e6, M, 'stock', 2000, 0.008, 20000],
};

/** The well-known tickers with hand-set profiles (what `listContracts` covers when no underlying is named). */
export const KNOWN_UNDERLYINGS: readonly string[] = Object.keys(KNOWN).sort();

/** The profile of a ticker: hand-set for the well-known ones, otherwise drawn from `{seed}|{symbol}|profile|static`. */
export function underlyingProfile(symbol: string, seed: number): UnderlyingProfile {
  const row = KNOWN[symbol];
  if (row) {
    const [level, vol, drift, avgVolume, weeklies, skew, optionVolume, spreadBase, openInterest] = row;
    return { symbol, level, vol, drift, avgVolume, weeklies, skew, optionVolume, spreadBase, openInterest };
  }
  const r = new SeededRandom(`${seed}|${symbol}|profile|static`);
  return {
    symbol,
    level: round2(Math.exp(logUniform(r, 10, 400))),
    vol: 0.2 + 0.5 * r.uniform(),
    drift: 0.15 * r.uniform(),
    avgVolume: Math.round(Math.exp(logUniform(r, 1e6, 2e7))),
    weeklies: false,
    skew: 'stock',
    optionVolume: 300,
    spreadBase: 0.02,
    openInterest: 3000,
  };
}

function logUniform(r: SeededRandom, lo: number, hi: number): number {
  return Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.uniform();
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
