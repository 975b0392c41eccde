import type { OptionType } from '../osi';
import { blackScholesPrice } from './black-scholes';

/** Search interval and stopping rule of DOMAIN.md §3.12. */
export const IV_LOWER_BOUND = 1e-4;
export const IV_UPPER_BOUND = 5;
export const IV_PRICE_TOLERANCE = 1e-6;
export const IV_MAX_ITERATIONS = 100;

export interface ImpliedVolatilityInput {
  /** The option price to match (the pricing mark). */
  price: number;
  spot: number;
  strike: number;
  /** Years to expiry. */
  t: number;
  rate: number;
  type: OptionType;
}

/** A provider or inferred IV the project will use: finite and above 1e-4. */
export function isUsableIv(iv: number | null | undefined): iv is number {
  return typeof iv === 'number' && Number.isFinite(iv) && iv > IV_LOWER_BOUND;
}

/**
 * The volatility whose Black–Scholes price matches `price`, by bisection on [1e-4, 5] until the price error is below
 * 1e-6 or after 100 halvings. Bisection rather than Newton because vega vanishes far from the money, where Newton
 * steps explode; the price is monotone in volatility, so bisection always converges.
 *
 * Null when t ≤ 0, the inputs are not usable (non-finite, price ≤ 0, spot or strike ≤ 0), or the price lies outside
 * [model price at 1e-4, model price at 5] (below intrinsic, or above what any volatility explains).
 */
export function impliedVolatility(input: ImpliedVolatilityInput): number | null {
  const { price } = input;
  if (!Number.isFinite(price) || price <= 0 || !(input.t > 0)) return null;
  const model = (vol: number) => blackScholesPrice({ ...input, vol });
  const atLower = model(IV_LOWER_BOUND);
  const atUpper = model(IV_UPPER_BOUND);
  if (atLower === null || atUpper === null || price < atLower || price > atUpper) return null;
  let lo = IV_LOWER_BOUND;
  let hi = IV_UPPER_BOUND;
  for (let i = 0; i < IV_MAX_ITERATIONS; i++) {
    const mid = (lo + hi) / 2;
    const error = (model(mid) as number) - price;
    if (Math.abs(error) < IV_PRICE_TOLERANCE) return mid;
    if (error < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
