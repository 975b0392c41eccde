import type { IsoDate } from '../time';

// What producer jobs write to the market tables through the ledger (DOMAIN.md §1.3–§1.7). Field names are
// the table columns, so the same objects travel unchanged over HTTP and into SQL.

export interface CandleInput {
  /** Session date. */
  ts: IsoDate;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
  vwap?: number | null;
  trade_count?: number | null;
  dividends?: number | null;
  splits?: number | null;
  capital_gains?: number | null;
}

export interface WriteCandlesInput {
  symbol: string;
  /** Default `1d`, auto_adjust true, back_adjust false (the series the project reads). */
  interval?: '1d';
  auto_adjust?: boolean;
  back_adjust?: boolean;
  rows: CandleInput[];
  /** Set when this write completes the full history from 1970-01-01; never cleared. */
  max_backfill_complete?: boolean;
}

export interface CandleCoverage {
  symbol: string;
  rows: number;
  first_ts: IsoDate | null;
  last_ts: IsoDate | null;
  max_backfill_complete: boolean;
}

export interface CandleClose {
  ts: IsoDate;
  close: number | null;
}

export interface SnapshotHeaderInput {
  symbol: string;
  snapshot_date: IsoDate;
  provider: string;
  spot: number;
  risk_free_rate: number | null;
  missing_bid_ask_count: number | null;
  missing_bid_ask_pct: number | null;
  spread_pct_median: number | null;
  spread_pct_worst: number | null;
  stale_quotes: number | null;
  stale_pct: number | null;
  meta_json: unknown;
  raw_json?: unknown;
}

export interface SnapshotRowInput {
  contract_symbol: string;
  osi: string | null;
  option_type: 'call' | 'put' | null;
  expiry: IsoDate | null;
  strike: number | null;
  bid: number | null;
  ask: number | null;
  last_price: number | null;
  change?: number | null;
  percent_change?: number | null;
  close_price?: number | null;
  vwap?: number | null;
  volume: number | null;
  open_interest: number | null;
  trade_count?: number | null;
  open_interest_date?: IsoDate | null;
  close_price_date?: IsoDate | null;
  last_trade_date?: string | null;
  quote_time?: string | null;
  trade_time?: string | null;
  in_the_money: boolean | null;
  implied_volatility: number | null;
  iv_source: 'provider' | 'bs_inferred' | 'missing';
  bs_price: number | null;
  delta: number | null;
  gamma: number | null;
  theta_per_day: number | null;
  vega: number | null;
  rho?: number | null;
  greeks_source: 'provider' | 'black_scholes' | 'mixed' | null;
}

export interface SaveSnapshotInput {
  header: SnapshotHeaderInput;
  rows: SnapshotRowInput[];
}

export interface SaveSnapshotResult {
  symbol: string;
  snapshot_date: IsoDate;
  provider: string;
  /** Rows saved after de-duplication (by osi when present, else contract symbol; last wins). */
  contracts: number;
}

export interface OptionContractInput {
  contract_symbol: string;
  underlying: string;
  expiry: IsoDate | null;
  option_type: 'call' | 'put' | null;
  strike: number | null;
  multiplier?: number | null;
  open_interest?: number | null;
  open_interest_date?: IsoDate | null;
  close_price?: number | null;
  close_price_date?: IsoDate | null;
  raw?: unknown;
}

export interface UpsertContractsInput {
  provider: string;
  as_of_date: IsoDate;
  contracts: OptionContractInput[];
}

export interface UpsertContractsResult {
  contracts: number;
  snapshots: number;
}

export interface OptionBarInput {
  contract_symbol: string;
  ts: IsoDate;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
  vwap?: number | null;
  trade_count?: number | null;
}

export type OptionBarsErrorStatus = 'not_found' | 'forbidden' | 'error';

export interface OptionBarsMetaError {
  contract_symbol: string;
  status: OptionBarsErrorStatus;
  error: string;
}

/** One write batch of the options-bars job: bars, success meta and error meta in one transaction. */
export interface WriteOptionBarsInput {
  provider: string;
  interval?: '1d';
  bars: OptionBarInput[];
  /** Contracts whose fetch succeeded (with or without rows). */
  success: string[];
  errors: OptionBarsMetaError[];
}

export interface WriteOptionBarsResult {
  bars: number;
  success: number;
  errors: number;
}

export interface OptionBarsMetaRecord {
  contract_symbol: string;
  interval: string;
  provider: string;
  status: 'ok' | 'partial' | 'not_found' | 'forbidden' | 'error';
  rows: number;
  start_ts: string | null;
  end_ts: string | null;
  last_success_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  error_count: number;
}

/** One net flow row as persisted (DOMAIN.md §1.5, §4.5). */
export interface FlowRowInput {
  row_key: string;
  contract_symbol: string | null;
  expiry: IsoDate | null;
  option_type: string | null;
  strike: number | null;
  delta_oi: number | null;
  delta_oi_notional: number | null;
  volume_notional: number | null;
  delta_notional: number | null;
  n_pairs: number | null;
}

/** Replaces the partition (symbol, from_date, to_date, window_size, group_by) with these rows. */
export interface ReplaceFlowInput {
  symbol: string;
  as_of: IsoDate;
  from_date: IsoDate;
  to_date: IsoDate;
  window_size: number;
  group_by: string;
  snapshot_dates: IsoDate[];
  generated_at: string;
  rows: FlowRowInput[];
}
