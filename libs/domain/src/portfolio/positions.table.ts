import { OptionType } from '../osi';
import { IsoDate } from '../time';
import { compareText } from '../symbols/text-order';
import { positionExpiries, premiumPaid } from './portfolio.metrics';
import { isMultiLegPosition, Leg, Portfolio, Position } from './portfolio.types';

/** One row of the portal's positions table (DOMAIN.md §7.3). */
export interface PositionRow {
  readonly id: string;
  readonly symbol: string;
  readonly structure: 'single' | 'multi-leg';
  /** `multi` for every multi-leg position. */
  readonly option_type: OptionType | 'multi';
  /** The expiry, or `first..last` when the legs expire on different dates. */
  readonly expiry: string;
  /** Null for multi-leg positions (the strikes are in `notes`). */
  readonly strike: number | null;
  /** Signed sum over the legs (long +, short −), so a 2-lot vertical shows 0; a single position's contracts. */
  readonly contracts: number;
  /** Per share: the cost basis, or the net debit of a multi-leg position (null when not given). */
  readonly cost_basis: number | null;
  /** Premium paid by this position, in dollars. */
  readonly premium_at_risk: number;
  readonly opened_at: IsoDate | null;
  /** The legs as `LC 2026-03-20 600 (2) | SC 2026-03-20 610 (2)`; null for single positions. */
  readonly notes: string | null;
}

/** The positions table rows, ordered by symbol, then id. */
export function positionsTable(portfolio: Portfolio): PositionRow[] {
  return portfolio.positions
    .map(positionRow)
    .sort((a, b) => compareText(a.symbol, b.symbol) || compareText(a.id, b.id));
}

export function positionRow(position: Position): PositionRow {
  const premium = premiumPaid(position);
  const openedAt = position.opened_at ?? null;
  if (!isMultiLegPosition(position)) {
    return {
      id: position.id,
      symbol: position.symbol,
      structure: 'single',
      option_type: position.option_type,
      expiry: position.expiry,
      strike: position.strike,
      contracts: position.contracts,
      cost_basis: position.cost_basis,
      premium_at_risk: premium,
      opened_at: openedAt,
      notes: null,
    };
  }
  const expiries = positionExpiries(position);
  return {
    id: position.id,
    symbol: position.symbol,
    structure: 'multi-leg',
    option_type: 'multi',
    expiry: expiries.length > 1 ? `${expiries[0]}..${expiries[expiries.length - 1]}` : (expiries[0] ?? ''),
    strike: null,
    contracts: position.legs.reduce((sum, leg) => sum + (leg.side === 'long' ? leg.contracts : -leg.contracts), 0),
    cost_basis: position.net_debit ?? null,
    premium_at_risk: premium,
    opened_at: openedAt,
    notes: position.legs.map(legNote).join(' | '),
  };
}

/** `{L|S}{C|P} {expiry} {strike} ({contracts}[x{ratio}])`, e.g. `SP 2026-03-20 540 (2x2)`. */
export function legNote(leg: Leg): string {
  const code = `${leg.side === 'long' ? 'L' : 'S'}${leg.option_type === 'call' ? 'C' : 'P'}`;
  const size = leg.ratio === undefined ? `${leg.contracts}` : `${leg.contracts}x${leg.ratio}`;
  return `${code} ${leg.expiry} ${leg.strike} (${size})`;
}
