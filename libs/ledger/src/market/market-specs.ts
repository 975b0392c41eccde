import type { UpsertSpec } from '../bulk/bulk-upsert';
import { cols } from '../tables/market-tables';

// Stage specs of the market writes with their own semantics (DOMAIN.md §1.7). Not reachable through the
// generic table-rows endpoint.

export const CANDLES_META_SPEC: UpsertSpec = {
  table: 'candles_meta',
  key: ['symbol', 'interval', 'auto_adjust', 'back_adjust'],
  columns: cols(`symbol varchar !, interval varchar !, auto_adjust boolean !, back_adjust boolean !, updated_at timestamp !,
    rows bigint !, start_ts timestamp, end_ts timestamp, max_backfill_complete boolean`),
  // The full-history flag is sticky: kept unless this write sets it.
  onConflictSet: `updated_at = excluded.updated_at, rows = excluded.rows, start_ts = excluded.start_ts, end_ts = excluded.end_ts,
    max_backfill_complete = coalesce(candles_meta.max_backfill_complete, false) OR coalesce(excluded.max_backfill_complete, false)`,
};

export const SNAPSHOT_HEADER_SPEC: UpsertSpec = {
  table: 'options_snapshot_headers',
  key: ['symbol', 'snapshot_date', 'provider'],
  insertOnly: true,
  columns: cols(`symbol varchar !, snapshot_date date !, provider varchar !, spot double !, risk_free_rate double, contracts bigint !,
    missing_bid_ask_count bigint, missing_bid_ask_pct double, spread_pct_median double, spread_pct_worst double,
    stale_quotes bigint, stale_pct double, meta_json json, raw_json json, updated_at timestamp !`),
};

export const SNAPSHOT_ROW_SPEC: UpsertSpec = {
  table: 'options_snapshot_rows',
  key: ['symbol', 'snapshot_date', 'provider', 'contract_symbol'],
  insertOnly: true,
  columns: cols(`symbol varchar !, snapshot_date date !, provider varchar !, contract_symbol varchar !, osi varchar,
    option_type varchar, expiry date, strike double, bid double, ask double, last_price double, change double,
    percent_change double, close_price double, vwap double, volume bigint, open_interest bigint, trade_count bigint,
    open_interest_date date, close_price_date date, last_trade_date timestamp, quote_time timestamp, trade_time timestamp,
    in_the_money boolean, implied_volatility double, iv_source varchar, bs_price double, delta double, gamma double,
    theta_per_day double, vega double, rho double, greeks_source varchar`),
};

export const OPTION_BARS_META_SUCCESS_SPEC: UpsertSpec = {
  table: 'option_bars_meta',
  key: ['contract_symbol', 'interval', 'provider'],
  columns: cols(`contract_symbol varchar !, interval varchar !, provider varchar !, status varchar !, rows bigint !, start_ts timestamp,
    end_ts timestamp, last_success_at timestamp, last_attempt_at timestamp, last_error varchar, error_count integer !`),
  onConflictSet: `status = 'ok', rows = greatest(option_bars_meta.rows, excluded.rows),
    start_ts = least(coalesce(option_bars_meta.start_ts, excluded.start_ts), coalesce(excluded.start_ts, option_bars_meta.start_ts)),
    end_ts = greatest(coalesce(option_bars_meta.end_ts, excluded.end_ts), coalesce(excluded.end_ts, option_bars_meta.end_ts)),
    last_success_at = excluded.last_success_at, last_attempt_at = excluded.last_attempt_at, last_error = NULL, error_count = 0`,
};

export const OPTION_BARS_META_ERROR_SPEC: UpsertSpec = {
  table: 'option_bars_meta',
  key: ['contract_symbol', 'interval', 'provider'],
  columns: OPTION_BARS_META_SUCCESS_SPEC.columns,
  onConflictSet: `status = excluded.status, last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error,
    error_count = option_bars_meta.error_count + 1`,
};

export const OPTIONS_FLOW_SPEC: UpsertSpec = {
  table: 'options_flow',
  key: ['symbol', 'from_date', 'to_date', 'window_size', 'group_by', 'row_key'],
  insertOnly: true,
  columns: cols(`symbol varchar !, as_of date !, from_date date !, to_date date !, window_size integer !, group_by varchar !,
    row_key varchar !, contract_symbol varchar, expiry date, option_type varchar, strike double, delta_oi double,
    delta_oi_notional double, volume_notional double, delta_notional double, n_pairs bigint, snapshot_dates_json json,
    generated_at timestamp, updated_at timestamp !`),
};
