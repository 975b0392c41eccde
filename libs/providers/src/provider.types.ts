import type { IsoDate, OptionType } from '@options-helper/domain';

// The market-data provider interface (DOMAIN.md §3.7). Every vendor is one class behind this interface;
// jobs never know which one they talk to.

export type ProviderName = 'synthetic' | 'csv' | 'alpaca';
export const PROVIDER_NAMES: readonly ProviderName[] = ['synthetic', 'csv', 'alpaca'];

export interface ProviderCapabilities {
  /** any_date: chains for past sessions; live_only: only the current chain. */
  chains: 'any_date' | 'live_only';
  contracts: boolean;
  optionBars: boolean;
}

export interface HistoryQuery {
  /** Omitted = from 1970-01-01. */
  start?: IsoDate;
  /** Omitted = up to the latest available. */
  end?: IsoDate;
  interval: '1d';
  autoAdjust: boolean;
  backAdjust: boolean;
}

/** One daily candle, one per session, ascending. `ts` is the session date. */
export interface CandleRow {
  ts: IsoDate;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  vwap?: number | null;
  tradeCount?: number | null;
  dividends?: number | null;
  splits?: number | null;
  capitalGains?: number | null;
}

export interface Quote {
  symbol: string;
  last: number | null;
  /** ISO-8601 instant. */
  asOf: string | null;
}

/** One option quote of a chain. Greeks in project units: theta per calendar day, vega per 1.00 of IV. */
export interface ChainRow {
  contractSymbol: string;
  optionType: OptionType;
  expiry: IsoDate;
  strike: number;
  bid: number | null;
  ask: number | null;
  lastPrice: number | null;
  volume: number | null;
  openInterest: number | null;
  impliedVolatility: number | null;
  change?: number | null;
  percentChange?: number | null;
  openInterestDate?: IsoDate | null;
  closePrice?: number | null;
  closePriceDate?: IsoDate | null;
  inTheMoney?: boolean | null;
  /** ISO-8601 instants. */
  lastTradeDate?: string | null;
  quoteTime?: string | null;
  tradeTime?: string | null;
  vwap?: number | null;
  tradeCount?: number | null;
  delta?: number | null;
  gamma?: number | null;
  theta?: number | null;
  vega?: number | null;
  rho?: number | null;
}

export interface Chain {
  underlying: { symbol: string; spot: number | null };
  rows: ChainRow[];
  raw?: unknown;
}

export interface ContractsQuery {
  underlyings?: string[];
  rootSymbols?: string[];
  expirationGte: IsoDate;
  expirationLte: IsoDate;
  status?: 'active' | 'inactive';
  limit: number;
  pageToken?: string;
}

/** Missing expiry/type/strike/underlying are filled from the OSI symbol by the provider. */
export interface ContractRow {
  contractSymbol: string;
  underlying: string;
  expiry: IsoDate;
  optionType: OptionType;
  strike: number;
  multiplier: number;
  openInterest?: number | null;
  openInterestDate?: IsoDate | null;
  closePrice?: number | null;
  closePriceDate?: IsoDate | null;
  raw?: unknown;
}

export interface ContractsPage {
  contracts: ContractRow[];
  nextPageToken?: string;
}

export interface OptionBarsQuery {
  contractSymbols: string[];
  start: IsoDate;
  end: IsoDate;
  interval: '1d';
}

export interface OptionBarRow {
  contractSymbol: string;
  ts: IsoDate;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  vwap?: number | null;
  tradeCount?: number | null;
}

/** Request statistics a job reports in its summary (requests, 429s, timeouts, latency). */
export interface ProviderStats {
  requests: number;
  rateLimited: number;
  timeouts: number;
  errors: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

export interface MarketDataProvider {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  /** Version string stored in snapshot meta (e.g. `synthetic-1 seed=42`). */
  readonly version: string;
  getHistory(symbol: string, q: HistoryQuery): Promise<CandleRow[]>;
  getQuote(symbol: string): Promise<Quote>;
  listExpiries(symbol: string, asOf: IsoDate): Promise<IsoDate[]>;
  getChain(symbol: string, expiry: IsoDate, asOf: IsoDate): Promise<Chain>;
  listContracts(q: ContractsQuery): Promise<ContractsPage>;
  getOptionBars(q: OptionBarsQuery): Promise<OptionBarRow[]>;
  stats(): ProviderStats;
}
