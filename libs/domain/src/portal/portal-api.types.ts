import type { FlowGroupBy } from '../flow/flow.types';
import type { AssetEventRecord, CheckRecord, RunRecord, RunStatus } from '../ledger/ledger.types';
import type { StressResult } from '../portfolio/exposure';
import type { PositionRow } from '../portfolio/positions.table';
import type { RiskSummary } from '../portfolio/risk-summary';

// The portal read API (docs/portal-api.md): every response body of `GET /api/v1/portal/*`, as served by the ledger
// and consumed by the Angular portal. Timestamps are ISO-8601 UTC with `Z`, dates `YYYY-MM-DD`, non-finite numbers null.

export const PORTAL_DISCLAIMER = 'Not financial advice. For informational/educational use only.';
export const PORTAL_DEFAULT_SYMBOL = 'SPY';
/** Query parameter `symbol` (DOMAIN.md §10): upper-case, only `A–Z 0–9 . _ -`. */
export const PORTAL_SYMBOL_PATTERN = /^[A-Z0-9._-]{1,32}$/;

/** The JSON body of every 4xx/5xx answer. `field` names the query parameter (400), `issues` the JSON paths (422). */
export interface PortalErrorBody {
  statusCode: number;
  error?: string;
  /** Human text; for a 400 it starts with the field name (e.g. `limit must not be greater than 500`). */
  message: string | string[];
  field?: string;
  /** Machine-readable cause, e.g. `portfolio_missing`, `portfolio_invalid`, `unknown_table`. */
  reason?: string;
  /** Portfolio file validation issues: JSON path (`$.positions[2].strike`) and reason. */
  issues?: { path: string; reason: string }[];
  /** The file the error is about (portfolio errors). */
  path?: string;
}

// ---- meta ----------------------------------------------------------------------------------------------------

/** `GET /api/v1/portal/meta`: what every page shows in its header and the defaults of its forms. */
export interface PortalMeta {
  disclaimer: string;
  database_path: string;
  schema_version: number;
  latest_schema_version: number;
  observability_ready: boolean;
  /** §9.2 guidance when the meta tables are missing, else null. */
  guidance: string | null;
  data_dir: string;
  /** Default of the Portfolio page's path field (OPTIONS_HELPER_PORTFOLIO_PATH, else {data_dir}/portfolio.json). */
  portfolio_path: string;
  /** Default reports folder ({data_dir}/reports); briefings are read from `{reports_dir}/daily/`. */
  reports_dir: string;
  default_symbol: string;
  /** The Health page's bootstrap commands: `options-helper db init` and the ALL-scope commands of §9.3. */
  bootstrap_commands: string[];
  /** Ledger wall clock when answering (the portal shows it next to "last completed session"). */
  now: string;
  last_completed_session: string | null;
}

// ---- runs ----------------------------------------------------------------------------------------------------

/** A runs-list row: the run without args_json (a detail call returns everything). */
export type PortalRunRow = Omit<RunRecord, 'args_json'> & {
  /** Number of child runs (parent_run_id = this run). */
  child_count: number;
};

/** `GET /api/v1/portal/runs`. */
export interface PortalRunsPage {
  items: PortalRunRow[];
  /** Runs matching the filters. */
  total: number;
  limit: number;
  offset: number;
  /** Opaque keyset cursor for the next page (pass as `cursor`), null on the last page. */
  next_cursor: string | null;
}

/** `GET /api/v1/portal/runs/facets`: the values the filters offer. */
export interface PortalRunFacets {
  jobs: string[];
  statuses: RunStatus[];
  triggers: string[];
  /** Newest and oldest started_at, null on an empty ledger. */
  first_started_at: string | null;
  last_started_at: string | null;
}

/** `GET /api/v1/portal/runs/{run_id}`. */
export interface PortalRunDetail {
  run: RunRecord;
  parent: PortalRunRow | null;
  events: AssetEventRecord[];
  checks: CheckRecord[];
  /** Child runs newest first, at most 500. */
  children: PortalRunRow[];
  children_total: number;
}

// ---- portfolio ---------------------------------------------------------------------------------------------

/** A stress scenario (DOMAIN.md §7.2): `{label, pnl, pnl_pct, warnings}`. */
export type PortalStressRow = StressResult;

/**
 * The risk summary of DOMAIN.md §7.3 (`riskSummary` in libs/domain/src/portfolio/risk-summary.ts): computed from the
 * portfolio, merged with the newest briefing JSON when it has exposure or stress (`source: "briefing"`); `note` says why
 * the briefing was not merged.
 */
export type PortalRiskSummary = RiskSummary;

/** `GET /api/v1/portal/portfolio` (200). A missing file is a 404 and an invalid one a 422 (PortalErrorBody). */
export interface PortalPortfolio {
  portfolio_path: string;
  reports_dir: string;
  /** The newest `{reports_dir}/daily/{date}.json` considered, null when there is none. */
  briefing_path: string | null;
  base_currency: string;
  positions: PositionRow[];
  risk_summary: PortalRiskSummary;
  /** = risk_summary.stress (the Stress Scenarios table). */
  stress: PortalStressRow[];
  /** = risk_summary.warnings (the Risk Warnings list). */
  warnings: string[];
}

// ---- symbol explorer -----------------------------------------------------------------------------------------

/** `GET /api/v1/portal/symbols`: distinct symbols of candles_daily, options_snapshot_headers and derived_daily. */
export interface PortalSymbols {
  symbols: string[];
  default_symbol: string;
}

export interface PortalCandle {
  /** Session date. */
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
}

/** `GET /api/v1/portal/symbols/{symbol}/candles`: `1d`, oldest first, one row per ts (auto_adjust true, then back_adjust false preferred). */
export interface PortalCandles {
  symbol: string;
  rows: PortalCandle[];
  latest: PortalCandle | null;
}

export interface PortalStrikeRow {
  strike: number;
  call_oi: number;
  put_oi: number;
  total_oi: number;
  total_volume: number;
  /** Mean of the strike's positive IVs, null when none. */
  avg_iv: number | null;
}

/** The latest snapshot's summary; null members mean "not computable". */
export interface PortalSnapshotSummary {
  symbol: string;
  snapshot_date: string;
  provider: string;
  updated_at: string;
  contracts: number;
  spot: number | null;
  total_oi: number;
  call_oi: number;
  put_oi: number;
  /** put_oi / call_oi; null when call_oi = 0. */
  put_call_oi_ratio: number | null;
  total_volume: number;
  /** Mean of implied_volatility > 0. */
  avg_iv: number | null;
  /** IV of the row whose strike is nearest spot (ties by strike, then stored order). */
  atm_iv: number | null;
  atm_strike: number | null;
  /** By total_oi desc (then strike asc), at most 15. */
  top_strikes: PortalStrikeRow[];
}

/** `GET /api/v1/portal/symbols/{symbol}/snapshot`. */
export interface PortalSnapshotResponse {
  symbol: string;
  /** Null when the symbol has no snapshot. */
  snapshot: PortalSnapshotSummary | null;
}

/** One derived_daily row (DOMAIN.md §5.2). */
export interface PortalDerivedRow {
  date: string;
  spot: number | null;
  pc_oi: number | null;
  pc_vol: number | null;
  call_wall: number | null;
  put_wall: number | null;
  gamma_peak_strike: number | null;
  atm_iv_near: number | null;
  em_near_pct: number | null;
  skew_near_pp: number | null;
  rv_20d: number | null;
  rv_60d: number | null;
  iv_rv_20d: number | null;
  atm_iv_near_percentile: number | null;
  iv_term_slope: number | null;
}

/** The latest row with day-over-day changes (DOMAIN.md §10). */
export interface PortalDerivedSummary {
  as_of: string;
  spot: number | null;
  pc_oi: number | null;
  pc_vol: number | null;
  atm_iv_near: number | null;
  iv_rv_20d: number | null;
  atm_iv_near_percentile: number | null;
  iv_term_slope: number | null;
  /** (latest − prev) / prev; null without a previous row or prev spot ≤ 0/null. */
  spot_change_1d: number | null;
  /** latest − prev (IV units); null when either is null. */
  atm_iv_change_1d: number | null;
  /** Rows the summary was computed from. */
  sample_rows: number;
}

/** `GET /api/v1/portal/symbols/{symbol}/derived`: the Symbol Explorer snippet from the last 120 rows. */
export interface PortalDerivedSnippet {
  symbol: string;
  summary: PortalDerivedSummary | null;
  /** The last 10 rows, newest first. */
  recent_rows: PortalDerivedRow[];
}

/** `GET /api/v1/portal/symbols/{symbol}/derived/history`. */
export interface PortalDerivedHistory {
  symbol: string;
  window_days: number;
  /** latest − (window_days − 1) days; null when there are no rows. */
  start_date: string | null;
  end_date: string | null;
  /** Oldest first, at most 3000. */
  rows: PortalDerivedRow[];
  /** True when more than 3000 rows fell in the window (the newest 3000 are returned). */
  truncated: boolean;
  summary: PortalDerivedSummary | null;
}

// ---- flow ----------------------------------------------------------------------------------------------------

/** `GET /api/v1/portal/flow/symbols`: distinct symbols of options_flow. */
export interface PortalFlowSymbols {
  symbols: string[];
}

export interface PortalFlowPartition {
  as_of: string;
  from_date: string;
  to_date: string;
  window: number;
  group_by: FlowGroupBy;
  rows: number;
  /** Σ coalesce(delta_oi_notional, 0). */
  net_delta_oi_notional: number;
  total_volume_notional: number;
  net_delta_notional: number;
  updated_at: string | null;
}

/** `GET /api/v1/portal/flow/{symbol}/partitions`. */
export interface PortalFlowPartitions {
  symbol: string;
  /** The symbol's group_by values present, in the order contract, strike, expiry, expiry-strike. */
  groups: FlowGroupBy[];
  requested_group_by: FlowGroupBy;
  /** = requested when present, else the first present group; null when the symbol has no flow rows. */
  group_by: FlowGroupBy | null;
  /** min/max as_of of the symbol's rows in group_by. */
  as_of_min: string | null;
  as_of_max: string | null;
  /** The as-of range applied (default [max(min, max − 30 d), max]). */
  from: string | null;
  to: string | null;
  /** Ordered as_of desc, to desc, from desc, window asc; at most 400. */
  partitions: PortalFlowPartition[];
}

export interface PortalFlowRow {
  row_key: string;
  contract_symbol: string | null;
  expiry: string | null;
  option_type: string | null;
  strike: number | null;
  delta_oi: number | null;
  delta_oi_notional: number | null;
  volume_notional: number | null;
  delta_notional: number | null;
  n_pairs: number | null;
  /** Contract symbol, else `TYPE strike expiry` (e.g. `CALL 600 2026-03-20`), for chart labels. */
  label: string;
}

export interface PortalFlowTypeSummary {
  option_type: 'call' | 'put' | 'other';
  rows: number;
  delta_oi_notional: number;
  volume_notional: number;
  delta_notional: number;
}

/** `GET /api/v1/portal/flow/{symbol}/rows`: one partition. */
export interface PortalFlowRows {
  symbol: string;
  as_of: string;
  from_date: string;
  to_date: string;
  window: number;
  group_by: FlowGroupBy;
  top: number;
  /** KPIs over the whole partition. */
  total_rows: number;
  net_delta_oi_notional: number;
  net_delta_notional: number;
  total_volume_notional: number;
  /** Over the whole partition; always the three entries call, put, other. */
  by_type: PortalFlowTypeSummary[];
  /** By |delta_oi_notional| desc, |volume_notional| desc, row_key; at most `top`. */
  rows: PortalFlowRow[];
}

// ---- data explorer -------------------------------------------------------------------------------------------

/** `GET /api/v1/portal/data/schemas` (without information_schema, pg_catalog). */
export interface PortalSchemas {
  schemas: string[];
  default_schema: string;
}

export interface PortalTableInfo {
  name: string;
  kind: 'table' | 'view';
  /** Exact count; null when counting failed. */
  rows: number | null;
}

/** `GET /api/v1/portal/data/schemas/{schema}/tables`. */
export interface PortalTables {
  schema: string;
  tables: PortalTableInfo[];
}

export interface PortalColumnInfo {
  column_name: string;
  data_type: string;
  /** `YES` | `NO` (information_schema convention). */
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  ordinal_position: number;
}

/** `GET /api/v1/portal/data/schemas/{schema}/tables/{table}/columns`. */
export interface PortalColumns {
  schema: string;
  table: string;
  columns: PortalColumnInfo[];
}

/** `GET /api/v1/portal/data/schemas/{schema}/tables/{table}/preview`. */
export interface PortalPreview {
  schema: string;
  table: string;
  limit: number;
  /** `SELECT * FROM "schema"."table" LIMIT n;` (identifiers double-quoted, `"` doubled). */
  snippet: string;
  columns: { name: string; type: string }[];
  /** JSON-safe values: BIGINT as number, DATE/TIMESTAMP as ISO text, JSON as text. */
  rows: Record<string, unknown>[];
  row_count: number;
}

/** `POST /api/v1/sql` (existing, read-only, needs no write token): body `{sql, params?, max_rows? (500), timeout_ms?}`. */
export interface PortalSqlResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  row_count: number;
  truncated: boolean;
  elapsed_ms: number;
}

// ---- coverage ------------------------------------------------------------------------------------------------

export type CoverageState = 'materialized' | 'failed' | 'skipped' | 'missing' | 'waived';
export const COVERAGE_STATES: readonly CoverageState[] = ['materialized', 'failed', 'skipped', 'missing', 'waived'];

export interface PortalCoverageCell {
  session: string;
  state: CoverageState;
  /** The run to open (the event's run, or the watermark's last_run_id); null for missing/waived without a run. */
  run_id: string | null;
  /** `event` | `watermark` | `waiver` | null: what decided the state. */
  basis: 'event' | 'watermark' | 'waiver' | null;
  /** Events seen for the cell (any status). */
  events: number;
  /** Waiver reason, or the failed event's error message / the skipped event's reason when known. */
  detail: string | null;
}

export interface PortalCoverageAsset {
  asset_key: string;
  /** One per session, same order as `sessions`. */
  cells: PortalCoverageCell[];
  counts: Record<CoverageState, number>;
}

/** `GET /api/v1/portal/coverage`. */
export interface PortalCoverage {
  /** Trading sessions, oldest first. */
  sessions: string[];
  from: string;
  to: string;
  assets: PortalCoverageAsset[];
  counts: Record<CoverageState, number>;
  /** False when meta.partition_waivers does not exist (then nothing is waived). */
  waivers_available: boolean;
}
