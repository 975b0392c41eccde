-- 001: core market tables (DOMAIN.md §1.3).
CREATE TABLE IF NOT EXISTS candles_daily (
  symbol VARCHAR NOT NULL,
  interval VARCHAR NOT NULL,
  auto_adjust BOOLEAN NOT NULL,
  back_adjust BOOLEAN NOT NULL,
  ts TIMESTAMP NOT NULL,
  open DOUBLE,
  high DOUBLE,
  low DOUBLE,
  close DOUBLE,
  volume DOUBLE,
  dividends DOUBLE,
  splits DOUBLE,
  capital_gains DOUBLE,
  PRIMARY KEY (symbol, interval, auto_adjust, back_adjust, ts)
);
CREATE INDEX IF NOT EXISTS idx_candles_daily_symbol_ts ON candles_daily (symbol, ts);

CREATE TABLE IF NOT EXISTS candles_meta (
  symbol VARCHAR NOT NULL,
  interval VARCHAR NOT NULL,
  auto_adjust BOOLEAN NOT NULL,
  back_adjust BOOLEAN NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  rows BIGINT NOT NULL,
  start_ts TIMESTAMP,
  end_ts TIMESTAMP,
  PRIMARY KEY (symbol, interval, auto_adjust, back_adjust)
);

CREATE TABLE IF NOT EXISTS derived_daily (
  symbol VARCHAR NOT NULL,
  date DATE NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  spot DOUBLE NOT NULL,
  pc_oi DOUBLE,
  pc_vol DOUBLE,
  call_wall DOUBLE,
  put_wall DOUBLE,
  gamma_peak_strike DOUBLE,
  atm_iv_near DOUBLE,
  em_near_pct DOUBLE,
  skew_near_pp DOUBLE,
  rv_20d DOUBLE,
  rv_60d DOUBLE,
  iv_rv_20d DOUBLE,
  atm_iv_near_percentile DOUBLE,
  iv_term_slope DOUBLE,
  PRIMARY KEY (symbol, date)
);
CREATE INDEX IF NOT EXISTS idx_derived_daily_symbol_date ON derived_daily (symbol, date);

CREATE SEQUENCE IF NOT EXISTS signal_events_id_seq START 1;
CREATE TABLE IF NOT EXISTS signal_events (
  id BIGINT PRIMARY KEY DEFAULT nextval('signal_events_id_seq'),
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  date DATE NOT NULL,
  symbol VARCHAR NOT NULL,
  context VARCHAR NOT NULL CHECK (context IN ('position', 'research', 'scanner')),
  snapshot_date DATE,
  contract_symbol VARCHAR,
  payload_json JSON NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_signal_events_symbol_date ON signal_events (symbol, date);
CREATE INDEX IF NOT EXISTS idx_signal_events_context_date ON signal_events (context, date);

CREATE TABLE IF NOT EXISTS options_snapshot_headers (
  symbol VARCHAR NOT NULL,
  snapshot_date DATE NOT NULL,
  provider VARCHAR NOT NULL,
  spot DOUBLE,
  risk_free_rate DOUBLE,
  contracts BIGINT NOT NULL,
  missing_bid_ask_count BIGINT,
  missing_bid_ask_pct DOUBLE,
  spread_pct_median DOUBLE,
  spread_pct_worst DOUBLE,
  stale_quotes BIGINT,
  stale_pct DOUBLE,
  meta_json JSON,
  raw_json JSON,
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  PRIMARY KEY (symbol, snapshot_date, provider)
);
CREATE INDEX IF NOT EXISTS idx_options_snapshot_headers_symbol_date ON options_snapshot_headers (symbol, snapshot_date);

CREATE TABLE IF NOT EXISTS options_snapshot_rows (
  symbol VARCHAR NOT NULL,
  snapshot_date DATE NOT NULL,
  provider VARCHAR NOT NULL,
  contract_symbol VARCHAR NOT NULL,
  osi VARCHAR,
  option_type VARCHAR,
  expiry DATE,
  strike DOUBLE,
  bid DOUBLE,
  ask DOUBLE,
  last_price DOUBLE,
  change DOUBLE,
  percent_change DOUBLE,
  close_price DOUBLE,
  vwap DOUBLE,
  volume BIGINT,
  open_interest BIGINT,
  trade_count BIGINT,
  open_interest_date DATE,
  close_price_date DATE,
  last_trade_date TIMESTAMP,
  quote_time TIMESTAMP,
  trade_time TIMESTAMP,
  in_the_money BOOLEAN,
  implied_volatility DOUBLE,
  iv_source VARCHAR,
  bs_price DOUBLE,
  delta DOUBLE,
  gamma DOUBLE,
  theta_per_day DOUBLE,
  vega DOUBLE,
  rho DOUBLE,
  greeks_source VARCHAR,
  PRIMARY KEY (symbol, snapshot_date, provider, contract_symbol)
);
CREATE INDEX IF NOT EXISTS idx_options_snapshot_rows_symbol_date ON options_snapshot_rows (symbol, snapshot_date);
CREATE INDEX IF NOT EXISTS idx_options_snapshot_rows_contract ON options_snapshot_rows (contract_symbol);
CREATE INDEX IF NOT EXISTS idx_options_snapshot_rows_expiry ON options_snapshot_rows (symbol, snapshot_date, expiry);
