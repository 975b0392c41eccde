import type { BlackScholesResult } from './black-scholes';

/** Greeks as a provider reports them, in project units (theta per calendar day, vega per 1.00 of IV). */
export interface ProviderGreeks {
  delta?: number | null;
  gamma?: number | null;
  theta?: number | null;
  vega?: number | null;
}

export type GreeksSource = 'provider' | 'black_scholes' | 'mixed';

export interface EffectiveGreeks {
  delta: number | null;
  gamma: number | null;
  thetaPerDay: number | null;
  vega: number | null;
  /** `provider`: all four from the provider; `black_scholes`: all four computed; `mixed` otherwise; null: none known. */
  source: GreeksSource | null;
}

/**
 * Effective greeks (DOMAIN.md §3.12): each greek is the provider's value when present and finite, else the
 * Black–Scholes value (null when `bs` is null, e.g. t ≤ 0 or no usable IV).
 */
export function effectiveGreeks(provider: ProviderGreeks, bs: Pick<BlackScholesResult, 'delta' | 'gamma' | 'thetaPerDay' | 'vega'> | null): EffectiveGreeks {
  let fromProvider = 0;
  let fromModel = 0;
  const pick = (own: number | null | undefined, model: number | undefined): number | null => {
    if (typeof own === 'number' && Number.isFinite(own)) {
      fromProvider += 1;
      return own;
    }
    if (typeof model === 'number' && Number.isFinite(model)) {
      fromModel += 1;
      return model;
    }
    return null;
  };
  const result = {
    delta: pick(provider.delta, bs?.delta),
    gamma: pick(provider.gamma, bs?.gamma),
    thetaPerDay: pick(provider.theta, bs?.thetaPerDay),
    vega: pick(provider.vega, bs?.vega),
  };
  const source: GreeksSource | null =
    fromProvider === 4 ? 'provider' : fromModel === 4 ? 'black_scholes' : fromProvider + fromModel === 0 ? null : 'mixed';
  return { ...result, source };
}
