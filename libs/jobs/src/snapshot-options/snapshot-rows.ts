import {
  blackScholes,
  diffDays,
  effectiveGreeks,
  impliedVolatility,
  isUsableIv,
  IsoDate,
  parseOsi,
  pricingMark,
  SnapshotRowInput,
  TradingCalendar,
  yearFraction,
} from '@options-helper/domain';
import type { ChainRow } from '@options-helper/providers';

// Turns a provider chain into stored snapshot rows (DOMAIN.md §1.3, §3.12): the IV the project uses,
// effective greeks, theoretical price, moneyness, and the quote-quality fields of the header.

export function buildSnapshotRow(row: ChainRow, spot: number, snapshotDate: IsoDate, rate: number): SnapshotRowInput {
  const contract = row.contractSymbol.trim();
  const parsed = parseOsi(contract);
  const t = yearFraction(snapshotDate, row.expiry);
  const live = t > 0;
  let iv: number | null = null;
  let ivSource: SnapshotRowInput['iv_source'] = 'missing';
  if (isUsableIv(row.impliedVolatility)) {
    iv = row.impliedVolatility as number;
    ivSource = 'provider';
  } else if (live) {
    const price = pricingMark({ bid: row.bid, ask: row.ask, lastPrice: row.lastPrice, volume: row.volume });
    const inferred = price === null ? null : impliedVolatility({ price, spot, strike: row.strike, t, rate, type: row.optionType });
    if (inferred !== null) {
      iv = inferred;
      ivSource = 'bs_inferred';
    }
  }
  const bs = live && iv !== null ? blackScholes({ spot, strike: row.strike, t, rate, vol: iv, type: row.optionType }) : null;
  const greeks = effectiveGreeks({ delta: row.delta, gamma: row.gamma, theta: row.theta, vega: row.vega }, bs);
  return {
    contract_symbol: contract,
    osi: parsed ? parsed.osi : null,
    option_type: row.optionType,
    expiry: row.expiry,
    strike: row.strike,
    bid: row.bid,
    ask: row.ask,
    last_price: row.lastPrice,
    change: row.change ?? null,
    percent_change: row.percentChange ?? null,
    close_price: row.closePrice ?? null,
    vwap: row.vwap ?? null,
    volume: row.volume === null ? null : Math.round(row.volume),
    open_interest: row.openInterest === null ? null : Math.round(row.openInterest),
    trade_count: row.tradeCount ?? null,
    open_interest_date: row.openInterestDate ?? null,
    close_price_date: row.closePriceDate ?? null,
    last_trade_date: row.lastTradeDate ?? null,
    quote_time: row.quoteTime ?? null,
    trade_time: row.tradeTime ?? null,
    in_the_money: row.inTheMoney ?? (row.optionType === 'call' ? row.strike < spot : row.strike > spot),
    implied_volatility: iv,
    iv_source: ivSource,
    bs_price: bs ? bs.price : null,
    delta: greeks.delta,
    gamma: greeks.gamma,
    theta_per_day: greeks.thetaPerDay,
    vega: greeks.vega,
    rho: finiteOrNull(row.rho),
    greeks_source: greeks.source,
  };
}

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export interface QuoteQuality {
  contracts: number;
  missing_bid_ask_count: number;
  missing_bid_ask_pct: number | null;
  spread_pct_median: number | null;
  spread_pct_worst: number | null;
  stale_quotes: number;
  stale_pct: number | null;
}

/** Quote quality of a saved snapshot (DOMAIN.md §1.3, §3.12). */
export function quoteQuality(rows: SnapshotRowInput[], snapshotDate: IsoDate, calendar: TradingCalendar): QuoteQuality {
  const n = rows.length;
  let missing = 0;
  let stale = 0;
  const spreads: number[] = [];
  for (const r of rows) {
    const bid = r.bid ?? 0;
    const ask = r.ask ?? 0;
    if (!(bid > 0 && ask > 0)) missing += 1;
    else {
      const mid = (bid + ask) / 2;
      const spread = (ask - bid) / mid;
      if (Number.isFinite(spread) && spread >= 0) spreads.push(spread);
    }
    if (r.last_trade_date && isStaleTrade(r.last_trade_date.slice(0, 10), snapshotDate, calendar)) stale += 1;
  }
  spreads.sort((a, b) => a - b);
  const median = spreads.length === 0 ? null : spreads.length % 2 ? (spreads[(spreads.length - 1) / 2] as number) : ((spreads[spreads.length / 2 - 1] as number) + (spreads[spreads.length / 2] as number)) / 2;
  return {
    contracts: n,
    missing_bid_ask_count: missing,
    missing_bid_ask_pct: n ? missing / n : null,
    spread_pct_median: median,
    spread_pct_worst: spreads.length ? (spreads.at(-1) as number) : null,
    stale_quotes: stale,
    stale_pct: n ? stale / n : null,
  };
}

/** Last trade more than 5 sessions before the snapshot date. */
function isStaleTrade(tradeDate: IsoDate, snapshotDate: IsoDate, calendar: TradingCalendar): boolean {
  if (tradeDate >= snapshotDate) return false;
  try {
    return calendar.countSessionsBetween(tradeDate, snapshotDate) > 5;
  } catch {
    return diffDays(snapshotDate, tradeDate) > 7;
  }
}

