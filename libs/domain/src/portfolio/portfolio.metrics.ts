import { IsoDate } from '../time';
import { compareText, sortedUnique } from '../symbols/text-order';
import { isMultiLegPosition, Portfolio, Position } from './portfolio.types';

/** Shares per contract; the analytics multiplier is always 100 (DOMAIN.md §0.1). */
export const CONTRACT_MULTIPLIER = 100;

/** Underlying symbols of the positions, sorted and unique. */
export function positionSymbols(portfolio: Portfolio): string[] {
  return sortedUnique(portfolio.positions.map((p) => p.symbol));
}

/** Expiries of one position (its legs for a multi-leg one), sorted and unique. */
export function positionExpiries(position: Position): IsoDate[] {
  return isMultiLegPosition(position) ? sortedUnique(position.legs.map((leg) => leg.expiry)) : [position.expiry];
}

/** Symbol ⇒ its position and leg expiries (sorted, unique), symbols in sorted order: what snapshot_options fetches. */
export function positionExpiriesBySymbol(portfolio: Portfolio): Map<string, IsoDate[]> {
  const bySymbol = new Map<string, IsoDate[]>();
  for (const position of portfolio.positions) {
    bySymbol.set(position.symbol, [...(bySymbol.get(position.symbol) ?? []), ...positionExpiries(position)]);
  }
  const symbols = [...bySymbol.keys()].sort(compareText);
  return new Map(symbols.map((symbol) => [symbol, sortedUnique(bySymbol.get(symbol) ?? [])]));
}

/** Earliest expiry over all positions and legs (expired ones included), or null without positions. */
export function nextExpiry(portfolio: Portfolio): IsoDate | null {
  const all = sortedUnique(portfolio.positions.flatMap(positionExpiries));
  return all[0] ?? null;
}

/** Spreads held: the smallest leg `contracts` of a multi-leg position; a single position's `contracts`. */
export function spreadContracts(position: Position): number {
  if (!isMultiLegPosition(position)) return position.contracts;
  return position.legs.length === 0 ? 0 : Math.min(...position.legs.map((leg) => leg.contracts));
}

/**
 * Premium paid in dollars (DOMAIN.md §7.1): `cost_basis × 100 × contracts` for a single position;
 * `max(0, net_debit) × 100 × spread_contracts` for a multi-leg one, so a credit spread (or a missing net_debit) pays 0.
 * Rounded to the cent: 1.15 × 100 × 3 is 344.99999999999994 in binary floating point.
 */
export function premiumPaid(position: Position): number {
  const perShare = isMultiLegPosition(position) ? Math.max(0, position.net_debit ?? 0) : position.cost_basis;
  return toCents(perShare * CONTRACT_MULTIPLIER * spreadContracts(position));
}

/** Σ premium paid over the positions, in dollars. */
export function premiumAtRisk(portfolio: Portfolio): number {
  return toCents(portfolio.positions.reduce((sum, position) => sum + premiumPaid(position), 0));
}

/** `cash + premium_at_risk`, in dollars. */
export function capitalCostBasis(portfolio: Portfolio): number {
  return toCents(portfolio.cash + premiumAtRisk(portfolio));
}

function toCents(dollars: number): number {
  return Math.round(dollars * 100) / 100;
}
