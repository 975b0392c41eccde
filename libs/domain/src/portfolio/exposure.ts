import type { OptionType } from '../osi';
import { blackScholes, blackScholesPrice, intrinsicValue } from '../pricing';
import { diffDays, IsoDate } from '../time';
import { CONTRACT_MULTIPLIER } from './portfolio.metrics';
import { isMultiLegPosition, LegSide, Portfolio } from './portfolio.types';

// Portfolio exposure and stress (DOMAIN.md §7.2). Pure: the caller loads each symbol's snapshot (as-of, spot, rows).

/** The stored snapshot-row columns exposure reads (`options_snapshot_rows`; greeks are the effective ones). */
export interface ContractQuote {
  option_type: OptionType | null;
  expiry: IsoDate | null;
  strike: number | null;
  bid: number | null;
  ask: number | null;
  last_price: number | null;
  implied_volatility: number | null;
  open_interest: number | null;
  volume: number | null;
  delta?: number | null;
  gamma?: number | null;
  theta_per_day?: number | null;
  vega?: number | null;
}

/** One symbol's snapshot: its date, the underlying close that day and the contract rows. */
export interface SymbolMarketData {
  as_of: IsoDate;
  spot: number | null;
  rows: readonly ContractQuote[];
}

export type MarketBySymbol = Readonly<Record<string, SymbolMarketData | undefined>>;

/** One position, or one leg of a multi-leg position; `contracts` is signed (short legs negative). */
export interface ExposureEntry {
  id: string;
  symbol: string;
  /** 0-based leg index for multi-leg positions, null for single ones. */
  leg: number | null;
  side: LegSide;
  option_type: OptionType;
  expiry: IsoDate;
  strike: number;
  contracts: number;
  as_of: IsoDate | null;
  spot: number | null;
  dte: number | null;
  bid: number | null;
  ask: number | null;
  last: number | null;
  iv: number | null;
  open_interest: number | null;
  volume: number | null;
  delta: number | null;
  gamma: number | null;
  theta_per_day: number | null;
  vega: number | null;
  greeks_source: 'snapshot' | 'black_scholes' | null;
  delta_shares: number | null;
  theta_dollars_per_day: number | null;
  vega_dollars_per_iv: number | null;
  warnings: string[];
}

export interface PortfolioExposure {
  /** The snapshot date when every position shares one, else null (warning `mixed_as_of_dates`). */
  as_of: IsoDate | null;
  positions: ExposureEntry[];
  total_delta_shares: number | null;
  total_theta_dollars_per_day: number | null;
  total_vega_dollars_per_iv: number | null;
  missing_greeks: number;
  warnings: string[];
  assumptions: string[];
}

export interface StressResult {
  label: string;
  pnl: number | null;
  pnl_pct: number | null;
  warnings: string[];
}

/** IV at or below this is a provider placeholder, not a volatility (§7.2). */
export const IV_PLACEHOLDER_MAX = 1e-4;
const STRIKE_EPSILON = 1e-9;

export const EXPOSURE_ASSUMPTIONS: readonly string[] = Object.freeze([
  'contract multiplier 100',
  'risk-free rate 0, no dividends',
  'greeks: snapshot effective greeks, else Black-Scholes with t = DTE/365',
]);

/** The snapshot row of a contract: same type and expiry, strike within 1e-9 (first match in row order). */
export function findContractQuote<T extends ContractQuote>(rows: readonly T[], type: OptionType, expiry: IsoDate, strike: number): T | null {
  return rows.find((r) => r.option_type === type && r.expiry === expiry && r.strike !== null && Math.abs(r.strike - strike) <= STRIKE_EPSILON) ?? null;
}

interface LegSpec {
  id: string;
  symbol: string;
  leg: number | null;
  side: LegSide;
  option_type: OptionType;
  expiry: IsoDate;
  strike: number;
  contracts: number;
}

function legSpecs(portfolio: Portfolio): LegSpec[] {
  return portfolio.positions.flatMap((p): LegSpec[] => {
    if (!isMultiLegPosition(p)) {
      return [{ id: p.id, symbol: p.symbol, leg: null, side: 'long', option_type: p.option_type, expiry: p.expiry, strike: p.strike, contracts: p.contracts }];
    }
    return p.legs.map((l, i) => ({ id: p.id, symbol: p.symbol, leg: i, side: l.side, option_type: l.option_type, expiry: l.expiry, strike: l.strike, contracts: l.side === 'short' ? -l.contracts : l.contracts }));
  });
}

/**
 * Exposure per position (per leg; short legs count negative): the snapshot row's effective greeks, else
 * Black–Scholes from its IV with t = DTE/365 and r = 0. Totals sum the present values (null when none).
 */
export function portfolioExposure(portfolio: Portfolio, market: MarketBySymbol): PortfolioExposure {
  const positions = legSpecs(portfolio).map((spec) => exposureEntry(spec, market[spec.symbol]));
  const missing = positions.filter((p) => p.delta === null || p.theta_per_day === null || p.vega === null).length;
  const dates = new Set(positions.map((p) => p.as_of));
  const warnings: string[] = [];
  let asOf: IsoDate | null = null;
  if (dates.size === 1) asOf = [...dates][0] ?? null;
  else if (dates.size > 1) warnings.push('mixed_as_of_dates');
  if (missing > 0) warnings.push(`missing_greeks=${missing}`);
  return {
    as_of: asOf,
    positions,
    total_delta_shares: sumPresent(positions.map((p) => p.delta_shares)),
    total_theta_dollars_per_day: sumPresent(positions.map((p) => p.theta_dollars_per_day)),
    total_vega_dollars_per_iv: sumPresent(positions.map((p) => p.vega_dollars_per_iv)),
    missing_greeks: missing,
    warnings,
    assumptions: [...EXPOSURE_ASSUMPTIONS],
  };
}

function exposureEntry(spec: LegSpec, data: SymbolMarketData | undefined): ExposureEntry {
  const warnings: string[] = [];
  const quote = data ? findContractQuote(data.rows, spec.option_type, spec.expiry, spec.strike) : null;
  if (!data) warnings.push('no_snapshot');
  else if (!quote) warnings.push('contract_not_in_snapshot');
  const spot = data && data.spot !== null && Number.isFinite(data.spot) && data.spot > 0 ? data.spot : null;
  const dte = data ? diffDays(spec.expiry, data.as_of) : null;
  const rawIv = finiteOrNull(quote?.implied_volatility);
  const iv = rawIv !== null && rawIv > IV_PLACEHOLDER_MAX ? rawIv : null;
  if (quote && iv === null) warnings.push('iv_placeholder');
  let delta = finiteOrNull(quote?.delta);
  let gamma = finiteOrNull(quote?.gamma);
  let theta = finiteOrNull(quote?.theta_per_day);
  let vega = finiteOrNull(quote?.vega);
  let source: ExposureEntry['greeks_source'] = delta !== null || theta !== null || vega !== null ? 'snapshot' : null;
  if ((delta === null || gamma === null || theta === null || vega === null) && spot !== null && iv !== null && dte !== null && dte > 0) {
    const bs = blackScholes({ spot, strike: spec.strike, t: dte / 365, rate: 0, vol: iv, type: spec.option_type });
    if (bs) {
      delta ??= bs.delta;
      gamma ??= bs.gamma;
      theta ??= bs.thetaPerDay;
      vega ??= bs.vega;
      source ??= 'black_scholes';
    }
  }
  const scale = spec.contracts * CONTRACT_MULTIPLIER;
  return {
    ...spec,
    as_of: data?.as_of ?? null,
    spot,
    dte,
    bid: finiteOrNull(quote?.bid),
    ask: finiteOrNull(quote?.ask),
    last: finiteOrNull(quote?.last_price),
    iv,
    open_interest: finiteOrNull(quote?.open_interest),
    volume: finiteOrNull(quote?.volume),
    delta,
    gamma,
    theta_per_day: theta,
    vega,
    greeks_source: source,
    delta_shares: delta === null ? null : delta * scale,
    theta_dollars_per_day: theta === null ? null : theta * scale,
    vega_dollars_per_iv: vega === null ? null : vega * scale,
    warnings,
  };
}

interface Shift {
  label: string;
  spotFactor: number;
  ivShift: number;
  days: number;
}

/** The five scenarios of §7.2, in this order. */
export const STRESS_SCENARIOS: readonly Shift[] = Object.freeze([
  { label: 'Spot +5%', spotFactor: 1.05, ivShift: 0, days: 0 },
  { label: 'Spot -5%', spotFactor: 0.95, ivShift: 0, days: 0 },
  { label: 'IV +5.0pp', spotFactor: 1, ivShift: 0.05, days: 0 },
  { label: 'IV -5.0pp', spotFactor: 1, ivShift: -0.05, days: 0 },
  { label: 'Time +7d', spotFactor: 1, ivShift: 0, days: 7 },
]);

/**
 * Model value per share of one leg: Black–Scholes with r = 0, or intrinsic when DTE ≤ 0; null when an input is
 * missing (spot always; IV unless expired). A shifted IV is floored just above the placeholder level.
 */
function modelValue(e: ExposureEntry, spot: number | null, iv: number | null, dte: number | null): number | null {
  if (spot === null || dte === null) return null;
  if (dte <= 0) return intrinsicValue({ spot, strike: e.strike, type: e.option_type });
  if (iv === null) return null;
  return blackScholesPrice({ spot, strike: e.strike, t: dte / 365, rate: 0, vol: Math.max(iv, IV_PLACEHOLDER_MAX * 2), type: e.option_type });
}

/**
 * Stress results (§7.2): every leg priced before and after the shift; `pnl = Σ (stressed − base) × contracts × 100`
 * with signed contracts; `pnl_pct = pnl / Σ base value` (null when that base ≤ 0, e.g. a net credit).
 */
export function stressScenarios(exposure: Pick<PortfolioExposure, 'positions'>): StressResult[] {
  return STRESS_SCENARIOS.map((s) => {
    let pnl = 0;
    let base = 0;
    let priced = 0;
    let missing = 0;
    for (const e of exposure.positions) {
      const before = modelValue(e, e.spot, e.iv, e.dte);
      const after = modelValue(e, e.spot === null ? null : e.spot * s.spotFactor, e.iv === null ? null : e.iv + s.ivShift, e.dte === null ? null : e.dte - s.days);
      if (before === null || after === null) {
        missing += 1;
        continue;
      }
      const scale = e.contracts * CONTRACT_MULTIPLIER;
      pnl += (after - before) * scale;
      base += before * scale;
      priced += 1;
    }
    return {
      label: s.label,
      pnl: priced === 0 ? null : pnl,
      pnl_pct: priced === 0 || base <= 0 ? null : pnl / base,
      warnings: missing > 0 ? [`stress_missing_inputs=${missing}`] : [],
    };
  });
}

function sumPresent(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
