import type { OptionType } from '../osi';
import { diffDays, IsoDate } from '../time';
import { normCdf, normPdf } from './normal';

/** `t` is measured in calendar days over this (DOMAIN.md §3.12); theta per day divides the annual theta by it too. */
export const DAYS_PER_YEAR = 365;

export interface BlackScholesInput {
  spot: number;
  strike: number;
  /** Years to expiry (see `yearFraction`). */
  t: number;
  /** Continuously compounded risk-free rate, e.g. 0.04. */
  rate: number;
  /** Annual volatility as a ratio (0.2 = 20%). */
  vol: number;
  type: OptionType;
}

/** Theoretical price and greeks in project units. */
export interface BlackScholesResult {
  price: number;
  delta: number;
  gamma: number;
  /** Annual theta / 365: the value lost per calendar day. */
  thetaPerDay: number;
  /** Price change per 1.00 of volatility (not per vol point): divide by 100 for "per 1%". */
  vega: number;
}

/** Years from a snapshot date to an expiry: calendar days / 365. Zero on expiry day, negative after. */
export function yearFraction(snapshotDate: IsoDate, expiry: IsoDate): number {
  return diffDays(expiry, snapshotDate) / DAYS_PER_YEAR;
}

/** Value at expiry: max(S − K, 0) for a call, max(K − S, 0) for a put. */
export function intrinsicValue(input: { spot: number; strike: number; type: OptionType }): number {
  return input.type === 'call' ? Math.max(input.spot - input.strike, 0) : Math.max(input.strike - input.spot, 0);
}

/**
 * Black–Scholes without dividends, exactly the formulas of DOMAIN.md §3.12.
 *
 * Returns null when the model is undefined: t ≤ 0 (expiry day or later: the project stores no greeks and no
 * `bs_price` then; use `intrinsicValue` for the payoff), vol ≤ 0, spot ≤ 0, strike ≤ 0, or any non-finite input.
 */
export function blackScholes(input: BlackScholesInput): BlackScholesResult | null {
  const d = d1d2(input);
  if (d === null) return null;
  const { spot: s, strike: k, t, rate: r, vol, type } = input;
  const sqrtT = Math.sqrt(t);
  const discountedStrike = k * Math.exp(-r * t);
  const pdf = normPdf(d.d1);
  const decay = (-s * pdf * vol) / (2 * sqrtT);
  const gamma = pdf / (s * vol * sqrtT);
  const vega = s * pdf * sqrtT;
  if (type === 'call') {
    const nd2 = normCdf(d.d2);
    return {
      price: Math.max(0, s * normCdf(d.d1) - discountedStrike * nd2),
      delta: normCdf(d.d1),
      gamma,
      thetaPerDay: (decay - r * discountedStrike * nd2) / DAYS_PER_YEAR,
      vega,
    };
  }
  const nMinusD2 = normCdf(-d.d2);
  return {
    price: Math.max(0, discountedStrike * nMinusD2 - s * normCdf(-d.d1)),
    // N(d1) − 1 written as −N(−d1), which keeps its precision when N(d1) is close to 1.
    delta: -normCdf(-d.d1),
    gamma,
    thetaPerDay: (decay + r * discountedStrike * nMinusD2) / DAYS_PER_YEAR,
    vega,
  };
}

/** The price alone (null in the same cases as `blackScholes`): what implied-volatility searches and simulators need. */
export function blackScholesPrice(input: BlackScholesInput): number | null {
  const d = d1d2(input);
  if (d === null) return null;
  const discountedStrike = input.strike * Math.exp(-input.rate * input.t);
  const price =
    input.type === 'call'
      ? input.spot * normCdf(d.d1) - discountedStrike * normCdf(d.d2)
      : discountedStrike * normCdf(-d.d2) - input.spot * normCdf(-d.d1);
  return Math.max(0, price);
}

function d1d2(input: BlackScholesInput): { d1: number; d2: number } | null {
  const { spot: s, strike: k, t, rate: r, vol } = input;
  if (![s, k, t, r, vol].every(Number.isFinite) || t <= 0 || vol <= 0 || s <= 0 || k <= 0) return null;
  const volSqrtT = vol * Math.sqrt(t);
  const d1 = (Math.log(s / k) + (r + (vol * vol) / 2) * t) / volSqrtT;
  return { d1, d2: d1 - volSqrtT };
}
