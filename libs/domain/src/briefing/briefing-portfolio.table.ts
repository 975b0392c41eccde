import { findContractQuote, MarketBySymbol } from '../portfolio/exposure';
import { positionExpiries, spreadContracts } from '../portfolio/portfolio.metrics';
import { isMultiLegPosition, Portfolio } from '../portfolio/portfolio.types';
import { optionMark } from '../pricing';
import type { IsoDate } from '../time';

// The briefing's portfolio table (DOMAIN.md §6.2): marks from the snapshot, P&L per position, multi-leg as one row.

export interface BriefingPortfolioRow {
  id: string;
  symbol: string;
  /** `call`, `put` or `multi`. */
  option_type: string;
  /** The expiry, or `first..last` for a multi-leg position. */
  expiry: string;
  strike: number | null;
  /** Contracts, or spread contracts for a multi-leg position. */
  contracts: number;
  /** Cost basis per share, or the net debit (null when not given). */
  cost_basis: number | null;
  mark: number | null;
  /** (mark − cost) × 100 × contracts. */
  pnl: number | null;
  /** mark / cost − 1. */
  pnl_pct: number | null;
  /** (ask − bid) / mid of a single position's quote. */
  spr_pct: number | null;
  as_of: IsoDate | null;
}

function spreadPct(bid: number | null, ask: number | null): number | null {
  if (bid === null || ask === null || !(bid > 0 && ask > 0)) return null;
  return (ask - bid) / ((ask + bid) / 2);
}

export function briefingPortfolioRows(portfolio: Portfolio, market: MarketBySymbol): BriefingPortfolioRow[] {
  const rows = portfolio.positions.map((p): BriefingPortfolioRow => {
    const data = market[p.symbol];
    const asOf = data?.as_of ?? null;
    if (!isMultiLegPosition(p)) {
      const q = data ? findContractQuote(data.rows, p.option_type, p.expiry, p.strike) : null;
      const mark = q ? optionMark({ bid: q.bid, ask: q.ask, lastPrice: q.last_price }) : null;
      return finish({ id: p.id, symbol: p.symbol, option_type: p.option_type, expiry: p.expiry, strike: p.strike, contracts: p.contracts, cost_basis: p.cost_basis, mark, spr_pct: q ? spreadPct(q.bid, q.ask) : null, as_of: asOf });
    }
    const spreads = spreadContracts(p);
    let mark: number | null = 0;
    for (const leg of p.legs) {
      const q = data ? findContractQuote(data.rows, leg.option_type, leg.expiry, leg.strike) : null;
      const legMark = q ? optionMark({ bid: q.bid, ask: q.ask, lastPrice: q.last_price }) : null;
      if (legMark === null || mark === null || spreads <= 0) {
        mark = null;
        continue;
      }
      mark += (leg.side === 'long' ? 1 : -1) * legMark * (leg.contracts / spreads);
    }
    const expiries = positionExpiries(p);
    const expiry = expiries.length > 1 ? `${expiries[0]}..${expiries[expiries.length - 1]}` : (expiries[0] ?? '');
    return finish({ id: p.id, symbol: p.symbol, option_type: 'multi', expiry, strike: null, contracts: spreads, cost_basis: p.net_debit ?? null, mark, spr_pct: null, as_of: asOf });
  });
  return rows.sort((a, b) => {
    if (a.pnl_pct === null || b.pnl_pct === null) return a.pnl_pct === null ? (b.pnl_pct === null ? 0 : 1) : -1;
    return b.pnl_pct - a.pnl_pct;
  });
}

function finish(r: Omit<BriefingPortfolioRow, 'pnl' | 'pnl_pct'>): BriefingPortfolioRow {
  const cost = r.cost_basis;
  return {
    ...r,
    pnl: r.mark !== null && cost !== null ? (r.mark - cost) * 100 * r.contracts : null,
    pnl_pct: r.mark !== null && cost !== null && cost > 0 ? r.mark / cost - 1 : null,
  };
}
