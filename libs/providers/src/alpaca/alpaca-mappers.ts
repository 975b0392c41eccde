import {
  EXCHANGE_TIME_ZONE,
  isIsoDate,
  isoDateInZone,
  parseOsi,
  type IsoDate,
  type OptionType,
} from '@options-helper/domain';
import type { CandleRow, ChainRow, ContractRow, OptionBarRow } from '../provider.types';
import type { AlpacaBar, AlpacaOptionContract, AlpacaOptionSnapshot } from './alpaca-wire.types';

// Pure conversions from Alpaca payloads to the normalised provider shapes (DOMAIN.md §3.7, §3.10).

/** Project symbols write share classes with `-` (BRK-B); Alpaca writes them with `.` (BRK.B). */
export function toAlpacaSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/-/g, '.');
}

export function fromAlpacaSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/\./g, '-');
}

/** A finite number from a number or a decimal string; anything else ⇒ null. */
export function finiteOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** RFC-3339 (nanoseconds allowed) ⇒ ISO-8601 UTC with milliseconds; unreadable ⇒ null. */
export function toInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value.trim().replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The New York session date of a bar timestamp (daily bars are stamped 00:00 America/New_York). */
export function barDate(t: unknown): IsoDate | null {
  const instant = toInstant(t);
  return instant === null ? null : isoDateInZone(new Date(instant), EXCHANGE_TIME_ZONE);
}

interface BarValues {
  ts: IsoDate;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  vwap: number | null;
  tradeCount: number | null;
}

/** A bar with a readable date and prices, else null (volume missing ⇒ 0). */
export function readBar(bar: AlpacaBar | null | undefined): BarValues | null {
  if (!bar || typeof bar !== 'object') return null;
  const ts = barDate(bar.t);
  const open = finiteOrNull(bar.o);
  const high = finiteOrNull(bar.h);
  const low = finiteOrNull(bar.l);
  const close = finiteOrNull(bar.c);
  if (ts === null || open === null || high === null || low === null || close === null) return null;
  return {
    ts,
    open,
    high,
    low,
    close,
    volume: finiteOrNull(bar.v) ?? 0,
    vwap: finiteOrNull(bar.vw),
    tradeCount: finiteOrNull(bar.n),
  };
}

/** Bars ⇒ one candle per session date (a later duplicate wins), ascending, within [start, end]. */
export function barsToCandles(bars: readonly AlpacaBar[], start?: IsoDate, end?: IsoDate): CandleRow[] {
  const byDate = new Map<IsoDate, CandleRow>();
  for (const raw of bars) {
    const bar = readBar(raw);
    if (!bar || (start && bar.ts < start) || (end && bar.ts > end)) continue;
    const { ts, open, high, low, close, volume, vwap, tradeCount } = bar;
    byDate.set(ts, { ts, open, high, low, close, volume, vwap, tradeCount });
  }
  return [...byDate.values()].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

export function barsToOptionBars(
  contractSymbol: string,
  bars: readonly AlpacaBar[],
  start: IsoDate,
  end: IsoDate,
): OptionBarRow[] {
  return barsToCandles(bars, start, end).map(({ ts, open, high, low, close, volume, vwap, tradeCount }) => ({
    contractSymbol,
    ts,
    open,
    high,
    low,
    close,
    volume,
    vwap,
    tradeCount,
  }));
}

function isOptionType(value: unknown): value is OptionType {
  return value === 'call' || value === 'put';
}

/** An integer count (OI) from a decimal string; negatives and fractions are not counts. */
function countOrNull(value: unknown): number | null {
  const n = finiteOrNull(value);
  return n !== null && n >= 0 ? Math.round(n) : null;
}

function dateOrNull(value: unknown): IsoDate | null {
  return isIsoDate(value) ? value : null;
}

/**
 * A trading-API contract ⇒ ContractRow. Expiry, type, strike and underlying fall back to the OSI symbol; a contract
 * still missing one of them is unusable (null). Multiplier falls back to size, then 100.
 */
export function toContractRow(c: AlpacaOptionContract): ContractRow | null {
  if (!c || typeof c.symbol !== 'string' || c.symbol.trim() === '') return null;
  const contractSymbol = c.symbol.trim();
  const osi = parseOsi(contractSymbol);
  const expiry = dateOrNull(c.expiration_date) ?? osi?.expiry;
  const optionType = isOptionType(c.type) ? c.type : osi?.optionType;
  const strike = finiteOrNull(c.strike_price) ?? osi?.strike;
  const underlyingText = c.underlying_symbol || c.root_symbol || osi?.root;
  if (expiry === undefined || optionType === undefined || strike === undefined || !underlyingText) return null;
  return {
    contractSymbol,
    underlying: fromAlpacaSymbol(underlyingText),
    expiry,
    optionType,
    strike,
    multiplier: finiteOrNull(c.multiplier) ?? finiteOrNull(c.size) ?? 100,
    openInterest: countOrNull(c.open_interest),
    openInterestDate: dateOrNull(c.open_interest_date),
    closePrice: finiteOrNull(c.close_price),
    closePriceDate: dateOrNull(c.close_price_date),
    raw: c,
  };
}

/**
 * Alpaca greeks ⇒ project units. Alpaca's theta is already per calendar day; its vega is per 1 percentage point of
 * IV, so ×100 gives vega per 1.00 of IV (DOMAIN.md §3.7). Delta, gamma and rho are passed through.
 */
export function convertGreeks(greeks: AlpacaOptionSnapshot['greeks']) {
  const vega = finiteOrNull(greeks?.vega);
  return {
    delta: finiteOrNull(greeks?.delta),
    gamma: finiteOrNull(greeks?.gamma),
    theta: finiteOrNull(greeks?.theta),
    vega: vega === null ? null : vega * 100,
    rho: finiteOrNull(greeks?.rho),
  };
}

export interface ChainMergeInput {
  expiry: IsoDate;
  /** The session the chain is filed under: only that day's bars count. */
  asOf: IsoDate;
  snapshots: Readonly<Record<string, AlpacaOptionSnapshot>>;
  contracts: ReadonlyMap<string, AlpacaOptionContract>;
  /** Option bars of each contract (only the `asOf` one is used). */
  bars: ReadonlyMap<string, OptionBarRow>;
}

/**
 * Snapshots (quotes, trade, IV, greeks) + contract metadata (strike, type, OI, close) + the same day's option bar
 * (volume when the snapshot has none or ≤ 0, vwap, trade count) ⇒ chain rows of the expiry, calls then puts by strike.
 */
export function mergeChainRows(input: ChainMergeInput): ChainRow[] {
  const rows: ChainRow[] = [];
  for (const [contractSymbol, snap] of Object.entries(input.snapshots)) {
    if (!snap || typeof snap !== 'object') continue;
    const contract = input.contracts.get(contractSymbol);
    const meta = contract ? toContractRow(contract) : null;
    const osi = parseOsi(contractSymbol);
    const expiry = meta?.expiry ?? osi?.expiry;
    const optionType = meta?.optionType ?? osi?.optionType;
    const strike = meta?.strike ?? osi?.strike;
    if (expiry !== input.expiry || optionType === undefined || strike === undefined) continue;

    const quote = snap.latestQuote ?? undefined;
    const trade = snap.latestTrade ?? undefined;
    const tradeTime = toInstant(trade?.t);
    const daily = readBar(snap.dailyBar);
    const sameDay = daily && daily.ts === input.asOf ? daily : null;
    const bar = input.bars.get(contractSymbol);
    const dayBar = bar && bar.ts === input.asOf ? bar : null;

    let volume = sameDay ? sameDay.volume : null;
    if ((volume === null || volume <= 0) && dayBar) volume = dayBar.volume;

    rows.push({
      contractSymbol,
      optionType,
      expiry,
      strike,
      bid: finiteOrNull(quote?.bp),
      ask: finiteOrNull(quote?.ap),
      lastPrice: finiteOrNull(trade?.p),
      volume,
      openInterest: meta?.openInterest ?? null,
      impliedVolatility: finiteOrNull(snap.impliedVolatility),
      openInterestDate: meta?.openInterestDate ?? null,
      closePrice: meta?.closePrice ?? null,
      closePriceDate: meta?.closePriceDate ?? null,
      quoteTime: toInstant(quote?.t),
      lastTradeDate: tradeTime,
      tradeTime,
      vwap: dayBar?.vwap ?? sameDay?.vwap ?? null,
      tradeCount: dayBar?.tradeCount ?? sameDay?.tradeCount ?? null,
      ...convertGreeks(snap.greeks),
    });
  }
  return rows.sort(
    (a, b) =>
      (a.optionType === b.optionType ? 0 : a.optionType === 'call' ? -1 : 1) ||
      a.strike - b.strike ||
      (a.contractSymbol < b.contractSymbol ? -1 : 1),
  );
}
